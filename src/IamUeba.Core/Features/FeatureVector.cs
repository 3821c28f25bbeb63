namespace IamUeba.Core.Features;

/// <summary>
/// The ML feature vector: names and order defined here and nowhere else (design §4). The first
/// nine are the prototype's.
/// </summary>
public static class FeatureVector
{
    public static readonly IReadOnlyList<string> Names =
    [
        "total_events",
        "off_hours_ratio",
        "high_risk_ratio",
        "mfa_missing_count",
        "unique_ips",
        "failure_ratio",
        "consecutive_failures",
        "admin_action_count",
        "unique_regions",
    ];

    public static double[] Of(PrincipalFeatures f) =>
    [
        f.TotalEvents,
        f.OffHoursRatio,
        f.HighRiskRatio,
        f.HighRiskWithoutMfa,
        f.UniqueIps,
        f.FailureRatio,
        f.ConsecutiveFailures,
        f.AdminEvents,
        f.UniqueRegions,
    ];

    /// <summary>How a feature's value reads in an explanation ("consecutive_failures 14 vs median 0").</summary>
    public static bool IsRatio(int index) => Names[index].EndsWith("_ratio", StringComparison.Ordinal);
}
