using System.Runtime.CompilerServices;
using IamUeba.Core.CloudTrail;

namespace IamUeba.Core.Principals;

/// <summary>
/// Keys an event to its principal (design §2). Roles are keyed by the role, not the session:
/// keying by session splits one role into thousands of one-off principals. Nothing is merged
/// across accounts: a principal without an ARN is keyed with its account.
/// </summary>
public sealed class PrincipalResolver(StringPool pool, bool keyRolesBySession)
{
    private const string IdentityCenterPrefix = "AWSReservedSSO_";

    private const int RecentBits = 11;

    // The answers given last, by the identity's strings as instances: the pool interns them, so the
    // events of one principal bring the same instances, and comparing them costs less than the
    // hashing and composing below. A miss only costs the work done anyway.
    private readonly RecentAnswer?[] _recent = new RecentAnswer?[1 << RecentBits];

    public PrincipalIdentity Resolve(CloudTrailEvent e)
    {
        var id = e.Identity;
        var slot = RuntimeHelpers.GetHashCode(id.Arn ?? id.PrincipalId ?? id.InvokedBy ?? id.UserName ?? id.AccountId ?? e.RecipientAccountId ?? string.Empty) & ((1 << RecentBits) - 1);
        if (_recent[slot] is { } recent && recent.Matches(e))
        {
            return recent.Identity;
        }

        var identity = ResolveAnew(e);
        (_recent[slot] ??= new RecentAnswer()).Set(e, identity);
        return identity;
    }

    private PrincipalIdentity ResolveAnew(CloudTrailEvent e)
    {
        var id = e.Identity;
        var account = NonEmpty(id.AccountId) ?? NonEmpty(e.RecipientAccountId) ?? AccountFromArn(id.Arn);
        if (!e.HasUserIdentity)
        {
            return Cached(Compose("unknown:", account ?? "no-account"), PrincipalTypes.Unknown, account, null, null);
        }

        var type = NonEmpty(id.Type);
        if (type is null && NonEmpty(id.InvokedBy) is not null)
        {
            type = PrincipalTypes.AwsService;
        }

        switch (type)
        {
            case PrincipalTypes.AwsService:
                return Cached(NonEmpty(id.InvokedBy) ?? Compose("aws-service:", account ?? "no-account"), PrincipalTypes.AwsService, account, null, null);
            case PrincipalTypes.IamUser:
                return Cached(UserKey(id, account), PrincipalTypes.IamUser, account, null, null);
            case PrincipalTypes.Root:
                return Cached(NonEmpty(id.Arn) ?? Compose("arn:aws:iam::", account ?? "no-account", ":root"), PrincipalTypes.Root, account, null, null);
            case PrincipalTypes.AssumedRole:
                return AssumedRole(id, account);
            case PrincipalTypes.FederatedUser:
                return Cached(NonEmpty(id.Arn) ?? Compose("federated:", account ?? "no-account", ":", id.PrincipalId ?? "unknown"), PrincipalTypes.FederatedUser, account, NonEmpty(id.SessionIssuerArn), null);
            case PrincipalTypes.IdentityCenterUser:
                return Cached(IdentityCenterKey(id, account), PrincipalTypes.IdentityCenterUser, account, null, null);
            case PrincipalTypes.AwsAccount:
                return Cached(Compose("awsaccount:", account ?? "no-account", ":", id.PrincipalId ?? "unknown"), PrincipalTypes.AwsAccount, account, null, null);
            case PrincipalTypes.SamlUser or PrincipalTypes.WebIdentityUser:
                return Cached(Compose(type == PrincipalTypes.SamlUser ? "saml:" : "webidentity:", id.IdentityProvider ?? "unknown", "/", id.UserName ?? id.PrincipalId ?? "unknown"), type, account, null, null);
            default:
                return Cached(Compose("unknown:", account ?? "no-account", ":", NonEmpty(id.PrincipalId) ?? NonEmpty(id.UserName) ?? "unknown"), PrincipalTypes.Unknown, account, null, null);
        }
    }

    private readonly Dictionary<(string Key, string? Session), PrincipalIdentity> _cache = [];

    private PrincipalIdentity Cached(string key, string type, string? account, string? roleArn, string? session)
    {
        if (_cache.TryGetValue((key, session), out var found))
        {
            return found;
        }

        var created = new PrincipalIdentity(key, type, account, roleArn, session);
        if (_cache.Count < 1_000_000)
        {
            _cache[(key, session)] = created;
        }

        return created;
    }

    private PrincipalIdentity AssumedRole(UserIdentity id, string? account)
    {
        var arn = NonEmpty(id.Arn);
        var role = NonEmpty(id.SessionIssuerArn) ?? RoleFromSessionArn(arn);
        var session = SessionFromArn(arn) ?? SessionFromPrincipalId(id.PrincipalId);
        string key;
        if (keyRolesBySession && arn is not null)
        {
            key = arn;
        }
        else if (role is not null && RoleName(role).StartsWith(IdentityCenterPrefix, StringComparison.Ordinal) && session is not null)
        {
            // Identity Center permission-set roles are shared by everyone with the permission set: the session is the person.
            key = Compose(role, "/", session);
        }
        else
        {
            key = role ?? arn ?? Compose("assumed-role:", account ?? "no-account", ":", id.PrincipalId ?? "unknown");
        }

        return Cached(key, PrincipalTypes.AssumedRole, account, role, session);
    }

    private string UserKey(UserIdentity id, string? account)
    {
        var arn = NonEmpty(id.Arn);
        if (arn is not null)
        {
            return arn;
        }

        // Failed sign-ins of unknown users carry userName HIDDEN_DUE_TO_SECURITY_REASONS and no ARN:
        // the same key per account keeps them together.
        return NonEmpty(id.UserName) is { } name
            ? Compose("arn:aws:iam::", account ?? "no-account", ":user/", name)
            : Compose("iamuser:", account ?? "no-account", ":", id.PrincipalId ?? "unknown");
    }

    private string IdentityCenterKey(UserIdentity id, string? account)
    {
        if (NonEmpty(id.OnBehalfOfUserId) is { } userId)
        {
            return Compose("identitycenter:", id.OnBehalfOfIdentityStoreArn ?? account ?? "no-store", "/", userId);
        }

        if (NonEmpty(id.UserId) is { } plainUserId)
        {
            return Compose("identitycenter:", id.IdentityStoreArn ?? account ?? "no-store", "/", plainUserId);
        }

        return NonEmpty(id.UserName) is { } name
            ? Compose("identitycenter:", account ?? "no-account", "/", name)
            : NonEmpty(id.Arn) ?? Compose("identitycenter:", account ?? "no-account", "/unknown");
    }

    /// <summary>arn:aws:sts::111122223333:assumed-role/Role/session becomes arn:aws:iam::111122223333:role/Role.</summary>
    private string? RoleFromSessionArn(string? arn)
    {
        if (arn is null)
        {
            return null;
        }

        var marker = arn.IndexOf(":assumed-role/", StringComparison.Ordinal);
        if (marker < 0 || !arn.StartsWith("arn:", StringComparison.Ordinal))
        {
            return null;
        }

        var parts = arn.Split(':');
        if (parts.Length < 6)
        {
            return null;
        }

        var path = arn[(marker + ":assumed-role/".Length)..];
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        var roleName = slash < 0 ? path : path[..slash];
        return Compose("arn:", parts[1], ":iam::", parts[4], ":role/", roleName);
    }

    private string? SessionFromArn(string? arn)
    {
        if (arn is null)
        {
            return null;
        }

        var marker = arn.IndexOf(":assumed-role/", StringComparison.Ordinal);
        if (marker < 0)
        {
            return null;
        }

        var path = arn.AsSpan(marker + ":assumed-role/".Length);
        var slash = path.IndexOf('/');
        return slash < 0 || slash == path.Length - 1 ? null : pool.Get(path[(slash + 1)..]);
    }

    private string? SessionFromPrincipalId(string? principalId)
    {
        var colon = principalId?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        return colon < 0 || colon == principalId!.Length - 1 ? null : pool.Get(principalId.AsSpan(colon + 1));
    }

    private static ReadOnlySpan<char> RoleName(string roleArn)
    {
        var slash = roleArn.LastIndexOf('/');
        return slash < 0 ? roleArn : roleArn.AsSpan(slash + 1);
    }

    private static string? AccountFromArn(string? arn)
    {
        if (arn is null || !arn.StartsWith("arn:", StringComparison.Ordinal))
        {
            return null;
        }

        var parts = arn.Split(':');
        return parts.Length > 4 && parts[4].Length > 0 ? parts[4] : null;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private string Compose(params ReadOnlySpan<string> parts)
    {
        var length = 0;
        foreach (var part in parts)
        {
            length += part.Length;
        }

        Span<char> buffer = length <= 512 ? stackalloc char[512] : new char[length];
        var at = 0;
        foreach (var part in parts)
        {
            part.CopyTo(buffer[at..]);
            at += part.Length;
        }

        return pool.Get(buffer[..at]);
    }

    /// <summary>Every input <see cref="ResolveAnew"/> reads, and what it answered for them; overwritten in place.</summary>
    private sealed class RecentAnswer
    {
        private bool _hasUserIdentity;
        private string? _recipientAccountId;
        private string? _type;
        private string? _arn;
        private string? _principalId;
        private string? _accountId;
        private string? _userName;
        private string? _invokedBy;
        private string? _identityProvider;
        private string? _userId;
        private string? _identityStoreArn;
        private string? _onBehalfOfUserId;
        private string? _onBehalfOfIdentityStoreArn;
        private string? _sessionIssuerArn;

        public PrincipalIdentity Identity { get; private set; } = null!;

        public void Set(CloudTrailEvent e, PrincipalIdentity identity)
        {
            var id = e.Identity;
            _hasUserIdentity = e.HasUserIdentity;
            _recipientAccountId = e.RecipientAccountId;
            _type = id.Type;
            _arn = id.Arn;
            _principalId = id.PrincipalId;
            _accountId = id.AccountId;
            _userName = id.UserName;
            _invokedBy = id.InvokedBy;
            _identityProvider = id.IdentityProvider;
            _userId = id.UserId;
            _identityStoreArn = id.IdentityStoreArn;
            _onBehalfOfUserId = id.OnBehalfOfUserId;
            _onBehalfOfIdentityStoreArn = id.OnBehalfOfIdentityStoreArn;
            _sessionIssuerArn = id.SessionIssuerArn;
            Identity = identity;
        }

        public bool Matches(CloudTrailEvent e)
        {
            var id = e.Identity;
            return ReferenceEquals(_arn, id.Arn)
                && ReferenceEquals(_principalId, id.PrincipalId)
                && ReferenceEquals(_sessionIssuerArn, id.SessionIssuerArn)
                && ReferenceEquals(_type, id.Type)
                && ReferenceEquals(_accountId, id.AccountId)
                && ReferenceEquals(_recipientAccountId, e.RecipientAccountId)
                && ReferenceEquals(_userName, id.UserName)
                && ReferenceEquals(_invokedBy, id.InvokedBy)
                && ReferenceEquals(_identityProvider, id.IdentityProvider)
                && ReferenceEquals(_userId, id.UserId)
                && ReferenceEquals(_identityStoreArn, id.IdentityStoreArn)
                && ReferenceEquals(_onBehalfOfUserId, id.OnBehalfOfUserId)
                && ReferenceEquals(_onBehalfOfIdentityStoreArn, id.OnBehalfOfIdentityStoreArn)
                && _hasUserIdentity == e.HasUserIdentity;
        }
    }
}
