using System.ComponentModel.DataAnnotations;

namespace IamUeba.Api.Hosting;

/// <summary>How much work the service takes on at once (section IamUeba:Overload).</summary>
public sealed class OverloadOptions
{
    public const string SectionName = "IamUeba:Overload";

    /// <summary>Analyses running at once; each holds bounded memory, so this bounds the service's memory.</summary>
    [Range(1, 1024)]
    public int MaxConcurrentAnalyses { get; set; } = 2;

    /// <summary>Requests waiting for a free analysis; more are answered 503 with Retry-After.</summary>
    [Range(0, 10_000)]
    public int QueueLimit { get; set; } = 8;

    /// <summary>Seconds a client is told to wait before retrying.</summary>
    [Range(1, 3600)]
    public int RetryAfterSeconds { get; set; } = 10;

    /// <summary>Overall time budget of one /detect request, upload included.</summary>
    [Range(1, 24 * 3600)]
    public int RequestTimeoutSeconds { get; set; } = 3600;

    /// <summary>Slowest upload accepted (bytes per second, after the grace period); slower clients are dropped.</summary>
    [Range(1, int.MaxValue)]
    public int MinUploadBytesPerSecond { get; set; } = 1024;

    /// <summary>Seconds a client may stay below the minimum rate before it is dropped (Kestrel needs more than 1).</summary>
    [Range(2, 600)]
    public int MinUploadGraceSeconds { get; set; } = 10;
}
