namespace IamUeba.Api;

/// <summary>The multipart form of POST /detect, for the API description: one or more 'file' parts.</summary>
public sealed class DetectUpload
{
    /// <summary>CloudTrail files: {"Records":[...]}, arrays, JSON Lines, lookup-events output, CloudWatch Logs or EventBridge envelopes; gzip or not.</summary>
    public IFormFileCollection File { get; set; } = new FormFileCollection();
}
