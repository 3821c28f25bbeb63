using System.ComponentModel.DataAnnotations;
using IamUeba.Core.CloudTrail;

namespace IamUeba.Core;

/// <summary>Bounds on what one analysis may hold, so hostile input cannot take the service's memory.</summary>
public sealed class LimitOptions
{
    [Range(1024, int.MaxValue)]
    public int MaxEventBytes { get; set; } = 1024 * 1024;

    [Range(8, 1024)]
    public int MaxDepth { get; set; } = 64;

    /// <summary>Bytes of JSON after decompression, over all parts of one upload.</summary>
    [Range(1024, long.MaxValue)]
    public long MaxDecompressedBytes { get; set; } = 64L * 1024 * 1024 * 1024;

    /// <summary>How many times gzip may inflate; a decompression bomb is stopped within milliseconds.</summary>
    [Range(2, 1_000_000)]
    public int MaxCompressionRatio { get; set; } = 200;

    /// <summary>Distinct values (IPs, agents, event names) kept exactly per principal; past it they are counted approximately.</summary>
    [Range(16, 1_000_000)]
    public int MaxDistinctValuesPerPrincipal { get; set; } = 1000;

    /// <summary>Longest text kept from any field; longer values are cut and counted.</summary>
    [Range(64, 1_000_000)]
    public int MaxStringLength { get; set; } = 1024;

    /// <summary>Events kept in detail as evidence, over the whole analysis.</summary>
    [Range(0, 100_000_000)]
    public int MaxEvidenceEvents { get; set; } = 500_000;

    public ReaderLimits ToReaderLimits() => new() { MaxEventBytes = MaxEventBytes, MaxDepth = MaxDepth, MaxDecompressedBytes = MaxDecompressedBytes, MaxCompressionRatio = MaxCompressionRatio };
}
