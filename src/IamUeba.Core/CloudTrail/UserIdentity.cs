namespace IamUeba.Core.CloudTrail;

/// <summary>The parts of <c>userIdentity</c> that identify a principal and its MFA state.</summary>
public sealed class UserIdentity
{
    public string? Type { get; set; }
    public string? Arn { get; set; }
    public string? PrincipalId { get; set; }
    public string? AccountId { get; set; }
    public string? UserName { get; set; }
    /// <summary>accessKeyId is a long-term key (AKIA...), not a session's (ASIA...).</summary>
    public bool LongTermAccessKey { get; set; }
    public string? InvokedBy { get; set; }
    public string? IdentityProvider { get; set; }
    public string? UserId { get; set; }
    public string? IdentityStoreArn { get; set; }
    public string? OnBehalfOfUserId { get; set; }
    public string? OnBehalfOfIdentityStoreArn { get; set; }

    public bool HasSessionContext { get; set; }
    public string? SessionIssuerArn { get; set; }

    /// <summary>sessionContext.attributes.mfaAuthenticated: true, false, or null when absent.</summary>
    public bool? MfaAuthenticated { get; set; }

    /// <summary>sessionContext.webIdFederationData is present and not empty.</summary>
    public bool HasWebIdFederation { get; set; }

    public void CopyFrom(UserIdentity other)
    {
        Type = other.Type;
        Arn = other.Arn;
        PrincipalId = other.PrincipalId;
        AccountId = other.AccountId;
        UserName = other.UserName;
        LongTermAccessKey = other.LongTermAccessKey;
        InvokedBy = other.InvokedBy;
        IdentityProvider = other.IdentityProvider;
        UserId = other.UserId;
        IdentityStoreArn = other.IdentityStoreArn;
        OnBehalfOfUserId = other.OnBehalfOfUserId;
        OnBehalfOfIdentityStoreArn = other.OnBehalfOfIdentityStoreArn;
        HasSessionContext = other.HasSessionContext;
        SessionIssuerArn = other.SessionIssuerArn;
        MfaAuthenticated = other.MfaAuthenticated;
        HasWebIdFederation = other.HasWebIdFederation;
    }

    // Every field at its default: resetting copies it, so the fields are listed once (in CopyFrom).
    private static readonly UserIdentity Empty = new();

    public void Reset() => CopyFrom(Empty);
}
