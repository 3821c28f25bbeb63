namespace IamUeba.Core.Report;

/// <summary>A rule that fired, with what it saw and the events that show it.</summary>
public sealed class RuleHitView
{
    public required string RuleId { get; init; }
    public required string Title { get; init; }
    public int Points { get; init; }
    public double Observed { get; init; }
    public double Threshold { get; init; }

    /// <summary>"&gt;" or "&gt;=": how observed meets threshold.</summary>
    public required string Comparison { get; init; }
    public int? WindowMinutes { get; init; }
    public required string Summary { get; init; }
    public List<string> Mitre { get; init; } = [];
    public List<EvidenceView> Evidence { get; init; } = [];
}
