namespace IamUeba.Core.Features;

/// <summary>Per-event facts kept in a timeline entry (7 bits).</summary>
[Flags]
public enum EventFlags
{
    None = 0,
    Failed = 1,
    HighRisk = 2,
    Admin = 4,

    /// <summary>MFA recorded as not used, on a human call.</summary>
    MfaNo = 8,
    MfaNotObservable = 16,

    /// <summary>The region is a global service's us-east-1, not where the caller was.</summary>
    GlobalRegion = 32,
    OffHours = 64,
}
