namespace IamUeba.Core.Report;

/// <summary>One principal's verdict. The first eight fields are the prototype's contract.</summary>
public sealed class PrincipalResult
{
    /// <summary>The principal's key: its ARN where it has one (a role's ARN for role sessions).</summary>
    public required string UserArn { get; init; }
    public bool IsAnomaly { get; init; }
    public int RiskScore { get; init; }
    public required string RiskLevel { get; init; }

    /// <summary>rule, ml, both or none.</summary>
    public required string DetectionMethod { get; init; }
    public List<string> TriggeredRules { get; init; } = [];
    public Dictionary<string, int> ScoreBreakdown { get; init; } = [];
    public required PrincipalStats Stats { get; init; }

    public required string PrincipalType { get; init; }
    public string? AccountId { get; init; }
    public string? RoleArn { get; init; }

    /// <summary>Session names seen for a role (the people or workloads behind it), up to 50.</summary>
    public List<string> SessionNames { get; init; } = [];
    public string? FirstSeen { get; init; }
    public string? LastSeen { get; init; }
    public List<RuleHitView> RuleHits { get; init; } = [];

    /// <summary>The ML layer's view; null when it did not run.</summary>
    public PrincipalMlView? Ml { get; init; }

    /// <summary>The feature vector the ML layer saw, by name.</summary>
    public Dictionary<string, double> Features { get; init; } = [];
    public List<string> Recommendations { get; init; } = [];
}
