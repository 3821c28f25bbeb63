using IamUeba.Core.CloudTrail;
using IamUeba.Core.Principals;

namespace IamUeba.Core.Rules;

/// <summary>The root user acting (or trying to sign in): AWS's guidance is to lock root away.</summary>
public sealed class R11RootActivity : SignatureRule
{
    public static readonly RuleDescriptor Info = new(
        Id: RuleIds.RootActivity,
        SettingsKey: "R11",
        Title: "Root account activity",
        Description: "Any call or sign-in attempt by the account's root user that no AWS service made on its behalf. Root has every permission and cannot be restricted by IAM policies; everyday work should never need it.",
        Mitre: ["T1078.004"],
        FalsePositives: "The few tasks only root can do (closing the account, changing the support plan, some billing settings), done by the account owner.",
        Recommendation: "Verify with the account owner; if unexpected, reset the root password, check its MFA device and remove any root access keys.",
        Comparison: ">=");

    public override RuleDescriptor Descriptor => Info;

    public override bool Matches(CloudTrailEvent e, PrincipalIdentity principal) =>
        principal.Type == PrincipalTypes.Root && string.IsNullOrEmpty(e.Identity.InvokedBy);
}
