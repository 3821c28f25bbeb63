using IamUeba.Core.Features;
using IamUeba.Core.Rules;
using IamUeba.Core.Scoring;

namespace IamUeba.Core.Risk;

/// <summary>
/// Merges rule points, the ML flag and the consecutive-failure penalty into a 0-100 score and a
/// level (design §7): score = rule points + ML points when flagged + 1 per failure in the longest
/// run (capped), at most 100.
/// </summary>
public sealed class RiskMerger(LevelOptions levels, MlOptions ml)
{
    public const string MlKey = "ML_ANOMALY";
    public const string PenaltyKey = "CONSEC_PENALTY";

    public RiskAssessment Merge(PrincipalFeatures features, IReadOnlyList<RuleHit> hits, MlResult? mlResult)
    {
        var breakdown = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var hit in hits)
        {
            breakdown[hit.Rule.Id] = hit.Points;
        }

        var flagged = mlResult?.Flagged == true;
        if (flagged)
        {
            breakdown[MlKey] = ml.FlagPoints;
        }

        var penalty = Math.Min(features.ConsecutiveFailures, levels.MaxConsecutiveFailurePenalty);
        if (penalty > 0)
        {
            breakdown[PenaltyKey] = penalty;
        }

        var score = Math.Min(100, breakdown.Values.Sum());
        var method = (hits.Count > 0, flagged) switch
        {
            (true, true) => "both",
            (true, false) => "rule",
            (false, true) => "ml",
            _ => "none",
        };

        return new RiskAssessment(score, LevelOf(score), method, hits.Count > 0 || flagged, hits, mlResult, breakdown, Recommend(hits, mlResult, LevelOf(score)));
    }

    public RiskLevel LevelOf(int score) =>
        score >= levels.Critical ? RiskLevel.CRITICAL
        : score >= levels.High ? RiskLevel.HIGH
        : score >= levels.Medium ? RiskLevel.MEDIUM
        : RiskLevel.LOW;

    private static List<string> Recommend(IReadOnlyList<RuleHit> hits, MlResult? mlResult, RiskLevel level)
    {
        var advice = new List<string>();
        if (level == RiskLevel.CRITICAL)
        {
            advice.Add("Treat as a possible compromise: disable or rotate this principal's credentials now and review its recent activity.");
        }

        advice.AddRange(hits.Select(hit => hit.Rule.Recommendation));
        if (mlResult is { Flagged: true })
        {
            var features = string.Join("; ", mlResult.TopFeatures.Select(f => f.Text));
            advice.Add($"Its behaviour is unusual for this population ({features}): confirm with its owner that this is expected.");
        }

        return advice;
    }
}
