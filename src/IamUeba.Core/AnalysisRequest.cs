using IamUeba.Core.Risk;

namespace IamUeba.Core;

/// <summary>Per-request choices that override configuration for one analysis.</summary>
public sealed class AnalysisRequest
{
    /// <summary>IANA time zone for off-hours; null uses the configured one.</summary>
    public string? TimeZone { get; init; }

    /// <summary>Return only principals at or above this level (counts stay complete).</summary>
    public RiskLevel? MinLevel { get; init; }

    /// <summary>Return at most this many principals.</summary>
    public int? Top { get; init; }
}
