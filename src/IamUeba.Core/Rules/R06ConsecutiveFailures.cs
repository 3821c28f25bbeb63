using IamUeba.Core.Features;

namespace IamUeba.Core.Rules;

/// <summary>Consecutive failures</summary>
public sealed class R06ConsecutiveFailures : IRule
{
    public static readonly RuleDescriptor Info = new(
        Id: RuleIds.ConsecutiveFailures,
        SettingsKey: "R06",
        Title: "Consecutive failures",
        Description: "Longest run of failed events in time order (events sorted by eventTime, not file order).",
        Mitre: ["T1110", "T1580"],
        FalsePositives: "A script in a retry loop against one denied call.",
        Recommendation: "Treat a long run of failures followed by success as a possible brute force or enumeration; rotate the principal's credentials if the run is not explained.",
        Comparison: ">=");

    public RuleDescriptor Descriptor => Info;

    public double Observe(PrincipalFeatures features, RuleSettings settings) => features.ConsecutiveFailures;

    public IEnumerable<EventDetail> Evidence(PrincipalFeatures features, RuleSettings settings) => features.DetailsOf(features.Entries.Skip(features.FailureRunStart).Take(features.ConsecutiveFailures));
}
