namespace IamUeba.Core.Report;

/// <summary>Counts behind a verdict. The first five are the prototype's.</summary>
public sealed class PrincipalStats
{
    public int TotalEvents { get; init; }
    public int HighRisk { get; init; }
    public int Failed { get; init; }
    public int UniqueIps { get; init; }
    public int OffHours { get; init; }
    public int AdminActions { get; init; }
    public int HighRiskWithoutMfa { get; init; }

    /// <summary>High-risk actions whose MFA CloudTrail cannot show (SSO, SAML, web identity): R03 does not judge them.</summary>
    public int HighRiskMfaNotObservable { get; init; }
    public int ConsecutiveFailures { get; init; }
    public int UniqueRegions { get; init; }
    public int SimultaneousRegions { get; init; }
    public int BurstEvents { get; init; }
    public int UniqueEventNames { get; init; }
    public int UniqueUserAgents { get; init; }

    /// <summary>True when the principal had so many distinct addresses that unique_ips is an estimate.</summary>
    public bool UniqueIpsApproximate { get; init; }
}
