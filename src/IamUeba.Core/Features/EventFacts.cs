using System.Collections.Frozen;
using IamUeba.Core.CloudTrail;
using IamUeba.Core.Principals;

namespace IamUeba.Core.Features;

/// <summary>The per-event facts of design §3: failure, MFA, region scope.</summary>
public static class EventFacts
{
    /// <summary>The console sign-in event's name.</summary>
    public const string ConsoleLogin = "ConsoleLogin";

    // Services whose events CloudTrail records in us-east-1 wherever the caller is (true), and services
    // with a global endpoint recorded in us-east-1 and regional endpoints recorded in their region
    // (false). Frozen: every event looks its source up, and most sources are in neither list.
    private static readonly FrozenDictionary<string, bool> GlobalSources = new Dictionary<string, bool>(StringComparer.OrdinalIgnoreCase)
    {
        ["iam.amazonaws.com"] = true, ["cloudfront.amazonaws.com"] = true, ["route53.amazonaws.com"] = true,
        ["route53domains.amazonaws.com"] = true, ["organizations.amazonaws.com"] = true, ["support.amazonaws.com"] = true,
        ["health.amazonaws.com"] = true, ["budgets.amazonaws.com"] = true, ["ce.amazonaws.com"] = true,
        ["account.amazonaws.com"] = true, ["billingconsole.amazonaws.com"] = true, ["trustedadvisor.amazonaws.com"] = true,
        ["globalaccelerator.amazonaws.com"] = true, ["shield.amazonaws.com"] = true, ["waf.amazonaws.com"] = true,
        ["artifact.amazonaws.com"] = true, ["networkmanager.amazonaws.com"] = true, ["sso-directory.amazonaws.com"] = true,
        ["identitystore.amazonaws.com"] = true,
        ["sts.amazonaws.com"] = false, ["signin.amazonaws.com"] = false, ["s3.amazonaws.com"] = false,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    public static bool IsFailed(CloudTrailEvent e) =>
        !string.IsNullOrEmpty(e.ErrorCode)
        || string.Equals(e.ConsoleLoginResult, "Failure", StringComparison.OrdinalIgnoreCase);

    /// <summary>True when the region says nothing about where the caller is (a global service's us-east-1).</summary>
    public static bool IsGlobalRegion(CloudTrailEvent e)
    {
        if (e.EventSource is null || !GlobalSources.TryGetValue(e.EventSource, out var always))
        {
            return false;
        }

        // ListBuckets and other account-wide S3 calls land in us-east-1 as well.
        return always
            || (string.Equals(e.AwsRegion, "us-east-1", StringComparison.Ordinal)
                && (e.EventSource != "s3.amazonaws.com" || e.EventName == "ListBuckets"));
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
