namespace IamUeba.Core.CloudTrail;

/// <summary>What was wrong with an upload, and where, for a 4xx problem answer.</summary>
public enum FormatProblem
{
    /// <summary>The bytes are not valid JSON (422).</summary>
    Syntax,

    /// <summary>Valid JSON, but not a CloudTrail shape we know (422).</summary>
    UnknownShape,

    /// <summary>Nothing to analyse: no bytes or no events at all (400).</summary>
    Empty,

    /// <summary>A size limit was crossed (413).</summary>
    TooLarge,

    /// <summary>The gzip stream is corrupt (422).</summary>
    Compression,
}

/// <summary>
/// Raised by the reader for input it cannot read. Carries the part (file name) and the position so
/// the user can go straight to the fault.
/// </summary>
public sealed class CloudTrailFormatException : Exception
{
    public CloudTrailFormatException(FormatProblem problem, string message, string? part = null, long? line = null, long? column = null, long? byteOffset = null, Exception? inner = null)
        : base(message, inner)
    {
        Problem = problem;
        Part = part;
        Line = line;
        Column = column;
        ByteOffset = byteOffset;
    }

    public CloudTrailFormatException()
        : this(FormatProblem.Syntax, "The upload could not be read.")
    {
    }

    public CloudTrailFormatException(string message)
        : this(FormatProblem.Syntax, message)
    {
    }

    public CloudTrailFormatException(string message, Exception inner)
        : this(FormatProblem.Syntax, message, inner: inner)
    {
    }

    public FormatProblem Problem { get; }

    public string? Part { get; }

    /// <summary>1-based line of the fault.</summary>
    public long? Line { get; }

    /// <summary>1-based column, counted in bytes.</summary>
    public long? Column { get; }

    /// <summary>0-based offset of the fault in the (decompressed) part.</summary>
    public long? ByteOffset { get; }

    public CloudTrailFormatException WithPart(string part) =>
        Part is not null ? this : new CloudTrailFormatException(Problem, Message, part, Line, Column, ByteOffset, InnerException);
}
