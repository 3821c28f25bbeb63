using IamUeba.Core.Rules;
using IamUeba.Core.Scoring;

namespace IamUeba.Core.Risk;

/// <summary>A principal's merged verdict: score, level, how it was detected, and the points behind it.</summary>
public sealed record RiskAssessment(
    int Score,
    RiskLevel Level,
    string DetectionMethod,
    bool IsAnomaly,
    IReadOnlyList<RuleHit> Hits,
    MlResult? Ml,
    IReadOnlyDictionary<string, int> Breakdown,
    IReadOnlyList<string> Recommendations);
