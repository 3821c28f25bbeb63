using IamUeba.Core.Features;

namespace IamUeba.Core.Rules;

/// <summary>High share of high-risk actions</summary>
public sealed class R02HighRiskRatio : IRule
{
    public static readonly RuleDescriptor Info = new(
        Id: RuleIds.HighRiskRatio,
        SettingsKey: "R02",
        Title: "High share of high-risk actions",
        Description: "Share of the principal's events that are in the high-risk catalogue (IAM writes, logging tampering, key and data exposure, the prototype's list).",
        Mitre: ["T1098", "T1078"],
        FalsePositives: "Administrators during planned IAM or infrastructure changes; deployment pipelines.",
        Recommendation: "Review every high-risk action in the evidence against a change ticket; reduce standing write permissions.",
        Comparison: ">");

    public RuleDescriptor Descriptor => Info;

    public double Observe(PrincipalFeatures features, RuleSettings settings) => features.HighRiskRatio;

    public IEnumerable<EventDetail> Evidence(PrincipalFeatures features, RuleSettings settings) => features.DetailsOf(RuleEngine.Where(features, EventFlags.HighRisk));
}
