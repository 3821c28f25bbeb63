namespace IamUeba.Core.Rules;

/// <summary>One rule as configured now.</summary>
public sealed class RuleView
{
    /// <summary>The configuration key under IamUeba:Rules (R06).</summary>
    public required string Key { get; init; }
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required string Description { get; init; }
    public bool Enabled { get; init; }
    public double Threshold { get; init; }
    public required string Comparison { get; init; }
    public int? WindowMinutes { get; init; }
    public int Points { get; init; }

    /// <summary>Decided by single events (R10-R14, R16-R19) rather than by a principal's totals.</summary>
    public bool Signature { get; init; }
    public List<string> Mitre { get; init; } = [];
    public required string FalsePositives { get; init; }
    public required string Recommendation { get; init; }
}
