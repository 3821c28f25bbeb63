namespace IamUeba.Core.CloudTrail;

/// <summary>
/// The fields of one CloudTrail record that detection uses. The reader reuses one instance per
/// part and overwrites it for every event, so a consumer copies what it keeps.
/// </summary>
public sealed class CloudTrailEvent
{
    private byte[] _eventIdUtf8 = new byte[64];

    public string? EventName { get; set; }
    public string? EventSource { get; set; }
    public string? AwsRegion { get; set; }
    public string? SourceIpAddress { get; set; }
    public string? UserAgent { get; set; }
    public string? ErrorCode { get; set; }
    /// <summary>eventType is AwsCloudTrailInsight: an Insights record, not an API call.</summary>
    public bool IsInsight { get; set; }
    public string? RecipientAccountId { get; set; }

    /// <summary>Seconds since the Unix epoch, UTC; valid when <see cref="HasEventTime"/>.</summary>
    public long EventTimeSeconds { get; set; }
    public bool HasEventTime { get; set; }

    /// <summary>True when eventTime was present but could not be read as an ISO 8601 time.</summary>
    public bool EventTimeUnreadable { get; set; }

    public bool HasUserIdentity { get; set; }
    public UserIdentity Identity { get; } = new();

    /// <summary>additionalEventData.MFAUsed: true, false, or null when absent or unreadable.</summary>
    public bool? MfaUsed { get; set; }
    public bool HasSamlProviderArn { get; set; }

    /// <summary>responseElements.ConsoleLogin ("Success" / "Failure"), when present.</summary>
    public string? ConsoleLoginResult { get; set; }

    /// <summary>requestParameters.userName: the user an IAM call acts on.</summary>
    public string? TargetUserName { get; set; }

    /// <summary>requestParameters.policyArn, for policy attachments.</summary>
    public string? PolicyArn { get; set; }

    /// <summary>requestParameters.policyDocument (inline and versioned policies), as written.</summary>
    public string? PolicyDocument { get; set; }

    /// <summary>
    /// A resource or trust policy set by the call, as JSON text: requestParameters' bucketPolicy,
    /// policyText, resourcePolicy, policy, accessPolicies, assumeRolePolicyDocument or attributes.Policy.
    /// </summary>
    public string? ResourcePolicy { get; set; }

    /// <summary>Accounts (or "all") a snapshot or image was shared with: EC2's permission adds, RDS's valuesToAdd.</summary>
    public List<string> SharedWith { get; } = [];

    /// <summary>Inbound rules a security-group call adds: its top-level cidrIp/ports or its ipPermissions.</summary>
    public List<IngressRange> Ingress { get; } = [];

    /// <summary>A hash of requestParameters' tokens: tells apart different events that share a placeholder eventID.</summary>
    public ulong RequestHash { get; set; }

    /// <summary>A hash of responseElements' tokens, for the same purpose.</summary>
    public ulong ResponseHash { get; set; }

    public int EventIdLength { get; private set; }

    public ReadOnlySpan<byte> EventIdUtf8 => _eventIdUtf8.AsSpan(0, EventIdLength);

    public string? EventId => EventIdLength == 0 ? null : System.Text.Encoding.UTF8.GetString(EventIdUtf8);

    public void SetEventId(ReadOnlySpan<byte> utf8)
    {
        // An eventID is a UUID; anything longer is kept only up to a bound (it is attacker-written text).
        var length = Math.Min(utf8.Length, 256);
        if (_eventIdUtf8.Length < length)
        {
            _eventIdUtf8 = new byte[length];
        }

        utf8[..length].CopyTo(_eventIdUtf8);
        EventIdLength = length;
    }

    public void Reset()
    {
        EventName = null;
        EventSource = null;
        AwsRegion = null;
        SourceIpAddress = null;
        UserAgent = null;
        ErrorCode = null;
        IsInsight = false;
        RecipientAccountId = null;
        EventTimeSeconds = 0;
        HasEventTime = false;
        EventTimeUnreadable = false;
        HasUserIdentity = false;
        Identity.Reset();
        MfaUsed = null;
        HasSamlProviderArn = false;
        ConsoleLoginResult = null;
        TargetUserName = null;
        PolicyArn = null;
        PolicyDocument = null;
        ResourcePolicy = null;
        SharedWith.Clear();
        Ingress.Clear();
        RequestHash = 0;
        ResponseHash = 0;
        EventIdLength = 0;
    }
}
