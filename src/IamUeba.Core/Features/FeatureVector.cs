namespace IamUeba.Core.Features;

/// <summary>One ML feature: its name in answers and how it is read from a principal's facts.</summary>
/// <param name="IsRatio">A share in [0,1]: printed with two decimals in explanations.</param>
public sealed record Feature(string Name, Func<PrincipalFeatures, double> Value, bool IsRatio = false);

/// <summary>
/// The ML feature vector: names and order defined here and nowhere else (design §4). The first
/// nine are the prototype's; <see cref="Candidates"/> also holds the features weighed against
/// them (docs/detection-quality.md), so `iamueba evaluate` can measure any selection.
/// </summary>
public static class FeatureVector
{
    public static readonly IReadOnlyList<Feature> Candidates =
    [
        new("total_events", f => f.TotalEvents),
        new("off_hours_ratio", f => f.OffHoursRatio, IsRatio: true),
        new("high_risk_ratio", f => f.HighRiskRatio, IsRatio: true),
        new("mfa_missing_count", f => f.HighRiskWithoutMfa),
        new("unique_ips", f => f.UniqueIps),
        new("failure_ratio", f => f.FailureRatio, IsRatio: true),
        new("consecutive_failures", f => f.ConsecutiveFailures),
        new("admin_action_count", f => f.AdminEvents),
        new("unique_regions", f => f.UniqueRegions),
        new("unique_event_names", f => f.UniqueEventNames),
        new("unique_user_agents", f => f.UniqueUserAgents),
        new("burst_events", f => f.BurstEvents),
        new("simultaneous_regions", f => f.SimultaneousRegions),
        new("signature_events", f => f.SignatureEvents),
        new("failed_events", f => f.FailedEvents),
        new("high_risk_count", f => f.HighRiskEvents),
        new("denied_events", f => f.DeniedEvents),
        new("denied_ratio", f => f.TotalEvents == 0 ? 0 : (double)f.DeniedEvents / f.TotalEvents, IsRatio: true),
    ];

    /// <summary>The features the ML layer uses, in this order.</summary>
    public static readonly IReadOnlyList<Feature> Default = Select(
        "total_events",
        "off_hours_ratio",
        "high_risk_ratio",
        "mfa_missing_count",
        "unique_ips",
        "failure_ratio",
        "consecutive_failures",
        "admin_action_count",
        "unique_regions",
        "burst_events",
        "denied_events");

    public static readonly IReadOnlyList<string> Names = [.. Default.Select(f => f.Name)];

    public static double[] Of(PrincipalFeatures f) => Of(Default, f);

    public static double[] Of(IReadOnlyList<Feature> features, PrincipalFeatures f)
    {
        var values = new double[features.Count];
        for (var j = 0; j < values.Length; j++)
        {
            values[j] = features[j].Value(f);
        }

        return values;
    }

    /// <summary>Candidates by name, in the order given; throws on a name that is not a candidate.</summary>
    public static IReadOnlyList<Feature> Select(params IEnumerable<string> names) =>
        [.. names.Select(name => Candidates.FirstOrDefault(c => c.Name == name)
            ?? throw new ArgumentException($"'{name}' is not an ML feature; candidates: {string.Join(", ", Candidates.Select(c => c.Name))}.", nameof(names)))];
}
