namespace IamUeba.Api.Upload;

/// <summary>A request the upload reader refuses before any CloudTrail is read: wrong media type, wrong form, too large.</summary>
public sealed class UploadProblemException : Exception
{
    public UploadProblemException(int status, string title, string detail)
        : base(detail)
    {
        Status = status;
        Title = title;
    }

    public UploadProblemException()
        : this(StatusCodes.Status400BadRequest, "Bad upload", "The upload could not be read.")
    {
    }

    public UploadProblemException(string message)
        : this(StatusCodes.Status400BadRequest, "Bad upload", message)
    {
    }

    public UploadProblemException(string message, Exception inner)
        : base(message, inner)
    {
        Status = StatusCodes.Status400BadRequest;
        Title = "Bad upload";
    }

    public int Status { get; }

    public string Title { get; }
}
