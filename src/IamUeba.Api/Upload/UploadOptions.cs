using System.ComponentModel.DataAnnotations;

namespace IamUeba.Api.Upload;

/// <summary>Limits on the HTTP upload itself (section IamUeba:Upload).</summary>
public sealed class UploadOptions
{
    public const string SectionName = "IamUeba:Upload";

    /// <summary>Bytes of request body accepted (compressed bytes as sent); past it the answer is 413.</summary>
    [Range(1024, long.MaxValue)]
    public long MaxRequestBytes { get; set; } = 20L * 1024 * 1024 * 1024;

    /// <summary>File parts accepted in one multipart request.</summary>
    [Range(1, 100_000)]
    public int MaxParts { get; set; } = 1000;
}
