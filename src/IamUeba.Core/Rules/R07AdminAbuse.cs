using IamUeba.Core.Features;

namespace IamUeba.Core.Rules;

/// <summary>Many administrative actions</summary>
public sealed class R07AdminAbuse : IRule
{
    public static readonly RuleDescriptor Info = new(
        Id: RuleIds.AdminAbuse,
        SettingsKey: "R07",
        Title: "Many administrative actions",
        Description: "Administrative IAM actions (user, role, key and policy changes) by the principal.",
        Mitre: ["T1098", "T1136.003"],
        FalsePositives: "Identity administrators and infrastructure-as-code pipelines that manage IAM.",
        Recommendation: "Verify that the IAM changes in the evidence were planned; new users, keys and attached policies are the usual persistence.",
        Comparison: ">=");

    public RuleDescriptor Descriptor => Info;

    public double Observe(PrincipalFeatures features, RuleSettings settings) => features.AdminEvents;

    public IEnumerable<EventDetail> Evidence(PrincipalFeatures features, RuleSettings settings) => features.DetailsOf(RuleEngine.Where(features, EventFlags.Admin));
}
