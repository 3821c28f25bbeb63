using IamUeba.Core.CloudTrail;
using IamUeba.Core.Principals;

namespace IamUeba.Core.Features;

/// <summary>The per-event facts of design §3: failure, MFA, region scope.</summary>
public static class EventFacts
{
    /// <summary>The console sign-in event's name.</summary>
    public const string ConsoleLogin = "ConsoleLogin";

    // Services whose events CloudTrail records in us-east-1 wherever the caller is.
    private static readonly HashSet<string> GlobalEventSources = new(StringComparer.OrdinalIgnoreCase)
    {
        "iam.amazonaws.com", "cloudfront.amazonaws.com", "route53.amazonaws.com", "route53domains.amazonaws.com",
        "organizations.amazonaws.com", "support.amazonaws.com", "health.amazonaws.com", "budgets.amazonaws.com",
        "ce.amazonaws.com", "account.amazonaws.com", "billingconsole.amazonaws.com", "trustedadvisor.amazonaws.com",
        "globalaccelerator.amazonaws.com", "shield.amazonaws.com", "waf.amazonaws.com", "artifact.amazonaws.com",
        "networkmanager.amazonaws.com", "sso-directory.amazonaws.com", "identitystore.amazonaws.com",
    };

    // Services with a global endpoint recorded in us-east-1 and regional endpoints recorded in their region.
    private static readonly HashSet<string> GlobalEndpointSources = new(StringComparer.OrdinalIgnoreCase)
    {
        "sts.amazonaws.com", "signin.amazonaws.com", "s3.amazonaws.com",
    };

    public static bool IsFailed(CloudTrailEvent e) =>
        !string.IsNullOrEmpty(e.ErrorCode)
        || string.Equals(e.ConsoleLoginResult, "Failure", StringComparison.OrdinalIgnoreCase);

    /// <summary>True when the region says nothing about where the caller is (a global service's us-east-1).</summary>
    public static bool IsGlobalRegion(CloudTrailEvent e)
    {
        if (e.EventSource is null)
        {
            return false;
        }

        if (GlobalEventSources.Contains(e.EventSource))
        {
            return true;
        }

        // ListBuckets and other account-wide S3 calls land in us-east-1 as well.
        return GlobalEndpointSources.Contains(e.EventSource)
            && string.Equals(e.AwsRegion, "us-east-1", StringComparison.Ordinal)
            && (e.EventSource != "s3.amazonaws.com" || e.EventName == "ListBuckets");
    }

    public static MfaState Mfa(CloudTrailEvent e, PrincipalIdentity principal)
    {
        var id = e.Identity;
        if (!string.IsNullOrEmpty(id.InvokedBy) || principal.IsAwsService)
        {
            return MfaState.NotApplicable;
        }

        if (e.EventName == ConsoleLogin)
        {
            // SAML and Identity Center sign-ins record "No" even when the identity provider enforced MFA.
            if (e.HasSamlProviderArn || principal.Type == PrincipalTypes.IdentityCenterUser)
            {
                return MfaState.NotObservable;
            }

            return e.MfaUsed switch
            {
                true => MfaState.Yes,
                false => MfaState.No,
                null => MfaState.NotObservable,
            };
        }

        if (principal.Type is PrincipalTypes.IdentityCenterUser or PrincipalTypes.SamlUser or PrincipalTypes.WebIdentityUser || id.HasWebIdFederation)
        {
            return MfaState.NotObservable;
        }

        if (principal.Type == PrincipalTypes.AssumedRole && IsIdentityCenterRole(principal.RoleArn))
        {
            return MfaState.NotObservable;
        }

        if (id.MfaAuthenticated is { } authenticated)
        {
            return authenticated ? MfaState.Yes : MfaState.No;
        }

        // A long-term access key cannot carry MFA.
        if (!id.HasSessionContext && id.LongTermAccessKey)
        {
            return MfaState.No;
        }

        return e.MfaUsed switch
        {
            true => MfaState.Yes,
            false => MfaState.No,
            null => MfaState.NotObservable,
        };
    }

    /// <summary>A permission-set role of IAM Identity Center: its session name is the person, set by Identity Center, not the caller.</summary>
    public static bool IsIdentityCenterRole(string? roleArn) =>
        roleArn is not null && roleArn.Contains("/AWSReservedSSO_", StringComparison.Ordinal);
}
