using IamUeba.Core.CloudTrail;
using IamUeba.Core.Features;
using IamUeba.Core.Principals;

namespace IamUeba.Core.Rules;

/// <summary>
/// Root used in a way the account owner's routine visits never need: without MFA, with a root
/// access key, through failed sign-ins, or to change something. R11 reports every root visit;
/// this is what makes one a likely compromise.
/// </summary>
public sealed class R16RootHighRisk : SignatureRule
{
    public static readonly RuleDescriptor Info = new(
        Id: RuleIds.RootHighRisk,
        SettingsKey: "R16",
        Title: "Root used without MFA or to change something",
        Description: "A root event that no AWS service made on its behalf (the console's sign-in service acting for root counts as root) and that is a sign-in or call without MFA (MFAUsed No, or a root access key, which cannot carry MFA), a failed sign-in, or anything but a read (Get, List, Describe, ...): creating keys or users, changing the password, stopping logging. CIS AWS Foundations asks for MFA on root and no root access keys; the owner's billing and account visits need neither.",
        Mitre: ["T1078.004", "T1098"],
        FalsePositives: "Tasks only root can do that change something (closing the account, changing the support plan or root's own MFA device), done by the owner; an account whose root has no MFA yet, which is itself the finding.",
        Recommendation: "Verify with the account owner at once; if unexpected, reset the root password, register an MFA device, delete any root access key and review what root changed.",
        Comparison: ">=");

    // Sign-in steps that read nothing and change nothing; ConsoleLogin's own MFA is judged below.
    private static readonly HashSet<string> SignInSteps = new(StringComparer.Ordinal) { EventFacts.ConsoleLogin, "CheckMfa", "GetSigninToken", "ExternalIdPDirectoryLogin" };

    private static readonly string[] ReadPrefixes = ["Get", "List", "Describe", "Lookup", "Head", "Search", "BatchGet", "View"];

    public override RuleDescriptor Descriptor => Info;

    public override bool Matches(CloudTrailEvent e, PrincipalIdentity principal)
    {
        // The console's security-credentials page records root's own key and password changes as invoked by sign-in.
        var byAwsService = !string.IsNullOrEmpty(e.Identity.InvokedBy) && e.Identity.InvokedBy != "signin.amazonaws.com";
        if (principal.Type != PrincipalTypes.Root || byAwsService || e.EventName is not { } name)
        {
            return false;
        }

        if (EventFacts.Mfa(e, principal) == MfaState.No || (name == EventFacts.ConsoleLogin && EventFacts.IsFailed(e)))
        {
            return true;
        }

        return !SignInSteps.Contains(name) && !IsRead(name);
    }

    // A loop, not a lambda: a lambda capturing the name would allocate on every event checked.
    private static bool IsRead(string name)
    {
        foreach (var prefix in ReadPrefixes)
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
