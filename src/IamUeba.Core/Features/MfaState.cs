namespace IamUeba.Core.Features;

/// <summary>MFA as CloudTrail records it: never inferred from absence (design §3).</summary>
public enum MfaState
{
    /// <summary>Not recorded, or recorded in a way that does not reflect the identity provider's MFA.</summary>
    NotObservable,
    Yes,
    No,

    /// <summary>A call an AWS service made on the principal's behalf: not a human call.</summary>
    NotApplicable,
}
