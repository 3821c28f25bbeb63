using IamUeba.Core.Features;

namespace IamUeba.Core.Rules;

/// <summary>High-risk action without MFA</summary>
public sealed class R03NoMfa : IRule
{
    public static readonly RuleDescriptor Info = new(
        Id: RuleIds.NoMfa,
        SettingsKey: "R03",
        Title: "High-risk action without MFA",
        Description: "High-risk actions by a human caller whose MFA was recorded as not used (a long-term AKIA key, mfaAuthenticated false, MFAUsed No). MFA that CloudTrail cannot observe does not count.",
        Mitre: ["T1078", "T1556.006"],
        FalsePositives: "Automation signed with long-term keys; role sessions not assumed with MFA. Not-observable MFA (SSO, SAML) never fires.",
        Recommendation: "Require MFA for high-risk actions (aws:MultiFactorAuthPresent in policies) and replace long-term access keys with roles.",
        Comparison: ">=");

    public RuleDescriptor Descriptor => Info;

    public double Observe(PrincipalFeatures features, RuleSettings settings) => features.HighRiskWithoutMfa;

    public IEnumerable<EventDetail> Evidence(PrincipalFeatures features, RuleSettings settings) => features.DetailsOf(RuleEngine.Where(features, EventFlags.HighRisk | EventFlags.MfaNo));
}
