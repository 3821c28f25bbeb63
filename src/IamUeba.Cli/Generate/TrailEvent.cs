namespace IamUeba.Cli.Generate;

/// <summary>
/// One CloudTrail record before it is written. Fields hold what AWS writes; request parameters,
/// response elements and the like are kept as JSON text because every API has its own shape.
/// </summary>
internal sealed class TrailEvent
{
    /// <summary>Unix seconds: CloudTrail records times to the second.</summary>
    public long Time { get; set; }

    /// <summary>Order among events of the same second: generation order, so sorting is stable and deterministic.</summary>
    public long Sequence { get; set; }

    public required CallerIdentity Identity { get; init; }

    public string EventVersion { get; set; } = "1.09";
    public required string EventSource { get; init; }
    public required string EventName { get; init; }
    public required string Region { get; set; }
    public required string SourceIp { get; set; }
    public required string UserAgent { get; set; }
    public string? ErrorCode { get; set; }
    public string? ErrorMessage { get; set; }

    /// <summary>JSON object text, or null (written as null, as AWS does).</summary>
    public string? RequestParameters { get; set; }
    public string? ResponseElements { get; set; }
    public string? AdditionalEventData { get; set; }

    /// <summary>JSON array text of the resources block, or null when AWS writes none.</summary>
    public string? Resources { get; set; }

    /// <summary>Null for console sign-ins, which have no requestID.</summary>
    public string? RequestId { get; set; }
    public required string EventId { get; init; }
    public bool? ReadOnly { get; set; }
    public string EventType { get; set; } = "AwsApiCall";
    public bool ManagementEvent { get; set; } = true;
    public string EventCategory { get; set; } = "Management";
    public required string RecipientAccountId { get; init; }
    public string? SharedEventId { get; set; }

    /// <summary>Host header the client sent; null when AWS writes no tlsDetails (service events, some console calls).</summary>
    public string? TlsHost { get; set; }
    public bool Tls13 { get; set; } = true;
    public bool SessionCredentialFromConsole { get; set; }

    /// <summary>Lookup-events output lists a few resource names per event: (type, name).</summary>
    public (string Type, string Name)[]? LookupResources { get; set; }
}
