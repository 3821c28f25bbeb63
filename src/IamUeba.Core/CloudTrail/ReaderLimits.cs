namespace IamUeba.Core.CloudTrail;

/// <summary>Bounds that keep a hostile or broken upload from taking the service's memory or time.</summary>
public sealed class ReaderLimits
{
    /// <summary>The largest single event (or single top-level object) kept whole in memory. CloudTrail's own events stay under 256 KB.</summary>
    public int MaxEventBytes { get; init; } = 1024 * 1024;

    /// <summary>The deepest JSON nesting accepted.</summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>Bytes of JSON (after decompression) accepted per analysis, over all parts; past it the read stops with a 413.</summary>
    public long MaxDecompressedBytes { get; init; } = 64L * 1024 * 1024 * 1024;

    /// <summary>
    /// How many times a gzip stream may inflate (after its first MiB). CloudTrail compresses about
    /// 10-30 times; a bomb inflates millions of times and is stopped here within milliseconds.
    /// </summary>
    public int MaxCompressionRatio { get; init; } = 200;
}
