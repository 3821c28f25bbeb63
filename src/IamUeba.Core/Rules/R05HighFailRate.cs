using IamUeba.Core.Features;

namespace IamUeba.Core.Rules;

/// <summary>High failure rate</summary>
public sealed class R05HighFailRate : IRule
{
    public static readonly RuleDescriptor Info = new(
        Id: RuleIds.HighFailRate,
        SettingsKey: "R05",
        Title: "High failure rate",
        Description: "Share of the principal's events that failed: an errorCode, or a console sign-in whose result is Failure.",
        Mitre: ["T1580", "T1087.004"],
        FalsePositives: "Misconfigured automation retrying a denied call; tools probing optional features (NoSuchBucketPolicy and similar).",
        Recommendation: "Look at the failed calls in the evidence: many different AccessDenied calls is permission scanning after a credential theft.",
        Comparison: ">");

    public RuleDescriptor Descriptor => Info;

    public double Observe(PrincipalFeatures features, RuleSettings settings) => features.FailureRatio;

    public IEnumerable<EventDetail> Evidence(PrincipalFeatures features, RuleSettings settings) => features.DetailsOf(RuleEngine.Where(features, EventFlags.Failed));
}
