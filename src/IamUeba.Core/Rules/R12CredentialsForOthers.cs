using IamUeba.Core.CloudTrail;
using IamUeba.Core.Features;
using IamUeba.Core.Principals;

namespace IamUeba.Core.Rules;

/// <summary>A principal creating sign-in or API credentials for another user: the classic persistence move.</summary>
public sealed class R12CredentialsForOthers : SignatureRule
{
    public static readonly RuleDescriptor Info = new(
        Id: RuleIds.CredentialsForOthers,
        SettingsKey: "R12",
        Title: "Credentials created for another user",
        Description: "A successful CreateAccessKey, CreateLoginProfile or UpdateLoginProfile whose requestParameters.userName is not the caller itself (an IAM user, or the person an Identity Center session is named after): new keys or a new console password for someone else.",
        Mitre: ["T1098.001", "T1098"],
        FalsePositives: "Identity administrators onboarding users or rotating keys for service users, usually from an identity pipeline with a stable role.",
        Recommendation: "Check that the target user expected new credentials; delete keys or login profiles nobody asked for and review the caller's other IAM changes.",
        Comparison: ">=");

    private static readonly HashSet<string> Actions = new(StringComparer.Ordinal) { "CreateAccessKey", "CreateLoginProfile", "UpdateLoginProfile" };

    public override RuleDescriptor Descriptor => Info;

    public override IReadOnlySet<string> EventNames => Actions;

    public override bool Matches(CloudTrailEvent e, PrincipalIdentity principal)
    {
        if (!Actions.Contains(e.EventName!) || !Succeeded(e) || string.IsNullOrEmpty(e.TargetUserName))
        {
            return false;
        }

        // IAM user names are unique ignoring case; anyone but that user acting on it is "another".
        return !string.Equals(Self(e, principal), e.TargetUserName, StringComparison.OrdinalIgnoreCase);
    }

    private static string? Self(CloudTrailEvent e, PrincipalIdentity principal)
    {
        if (principal.Type == PrincipalTypes.IamUser)
        {
            return e.Identity.UserName ?? principal.Key[(principal.Key.LastIndexOf('/') + 1)..];
        }

        // Identity Center names a permission-set session after the person who signed in (the caller cannot
        // choose it, unlike an AssumeRole session name), so an IAM user of that name is the person's own.
        return principal.Type == PrincipalTypes.AssumedRole && EventFacts.IsIdentityCenterRole(principal.RoleArn) ? principal.SessionName : null;
    }
}
