using System.Buffers;
using System.Text.Json;

namespace IamUeba.Core.CloudTrail;

/// <summary>
/// Reads one CloudTrail record into a <see cref="CloudTrailEvent"/>, taking only the fields
/// detection uses and skipping the rest without materialising it. Reads either a complete span or,
/// in one pass, straight from the streaming reader's buffer (<see cref="ParseAt"/>).
/// </summary>
internal static class EventParser
{
    internal static readonly NameTable<EventField> EventFields = new(
        ("eventtime", EventField.EventTime),
        ("eventname", EventField.EventName),
        ("eventsource", EventField.EventSource),
        ("awsregion", EventField.AwsRegion),
        ("sourceipaddress", EventField.SourceIpAddress),
        ("useragent", EventField.UserAgent),
        ("errorcode", EventField.ErrorCode),
        ("eventid", EventField.EventId),
        ("eventtype", EventField.EventType),
        ("recipientaccountid", EventField.RecipientAccountId),
        ("useridentity", EventField.UserIdentity),
        ("additionaleventdata", EventField.AdditionalEventData),
        ("responseelements", EventField.ResponseElements),
        ("requestparameters", EventField.RequestParameters),
        ("@timestamp", EventField.Timestamp),
        ("network", EventField.Network),
        ("http", EventField.Http));

    internal enum EventField
    {
        None,
        EventTime,
        EventName,
        EventSource,
        AwsRegion,
        SourceIpAddress,
        UserAgent,
        ErrorCode,
        EventId,
        EventType,
        RecipientAccountId,
        UserIdentity,
        AdditionalEventData,
        ResponseElements,
        RequestParameters,
        Timestamp,
        Network,
        Http,
    }

    public static void Parse(ReadOnlySpan<byte> json, CloudTrailEvent e, StringPool pool)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 256 });
        JsonFields.Next(ref reader);
        ParseAt(ref reader, e, pool);
    }

    /// <summary>
    /// Reads the event object the reader is at (its StartObject) and leaves the reader on its
    /// EndObject. Throws <see cref="NeedMoreData"/> when the object runs past the buffer.
    /// </summary>
    public static void ParseAt(ref Utf8JsonReader reader, CloudTrailEvent e, StringPool pool)
    {
        e.Reset();
        ReadEvent(ref reader, e, pool);
    }

    private static void ReadEvent(ref Utf8JsonReader reader, CloudTrailEvent e, StringPool pool)
    {
        Span<byte> nameBuffer = stackalloc byte[64];
        long timestampFallback = 0;
        var hasTimestampFallback = false;
        string? networkIp = null;
        string? httpAgent = null;

        while (JsonFields.Next(ref reader) && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = EventFields.Find(JsonFields.Name(in reader, nameBuffer));
            JsonFields.Next(ref reader);
            switch (field)
            {
                case EventField.EventTime:
                    ReadTime(ref reader, e);
                    break;
                case EventField.EventName:
                    e.EventName = JsonFields.String(ref reader, pool);
                    break;
                case EventField.EventSource:
                    e.EventSource = JsonFields.String(ref reader, pool);
                    break;
                case EventField.AwsRegion:
                    e.AwsRegion = JsonFields.String(ref reader, pool);
                    break;
                case EventField.SourceIpAddress:
                    e.SourceIpAddress = JsonFields.String(ref reader, pool);
                    break;
                case EventField.UserAgent:
                    e.UserAgent = JsonFields.String(ref reader, pool);
                    break;
                case EventField.ErrorCode:
                    e.ErrorCode = JsonFields.String(ref reader, pool);
                    break;
                case EventField.EventId:
                    ReadEventId(ref reader, e);
                    break;
                case EventField.EventType:
                    e.IsInsight = reader.TokenType == JsonTokenType.String && JsonFields.Is(JsonFields.Name(in reader, nameBuffer), "awscloudtrailinsight"u8);
                    break;
                case EventField.RecipientAccountId:
                    e.RecipientAccountId = JsonFields.String(ref reader, pool);
                    break;
                case EventField.UserIdentity when reader.TokenType == JsonTokenType.StartObject:
                    e.HasUserIdentity = true;
                    IdentityParser.Read(ref reader, e.Identity, pool);
                    break;
                case EventField.AdditionalEventData:
                    ReadAdditionalEventData(ref reader, e);
                    break;
                case EventField.ResponseElements:
                    ReadResponseElements(ref reader, e, pool);
                    break;
                case EventField.RequestParameters:
                    ReadRequestParameters(ref reader, e, pool);
                    break;
                case EventField.Timestamp:
                    // Logstash exports move eventTime into @timestamp; it is the same instant.
                    hasTimestampFallback = reader.TokenType == JsonTokenType.String && EventTime.TryParse(reader.ValueSpan, out timestampFallback);
                    break;
                case EventField.Network:
                    networkIp = ReadNestedString(ref reader, "client"u8, "ip"u8, pool);
                    break;
                case EventField.Http:
                    httpAgent = ReadNestedString(ref reader, "useragent"u8, default, pool);
                    break;
            }

            // Whatever was not read (an object where a string belongs, an unknown key's value) is
            // stepped over whole; on a scalar, or a container read to its end, this does nothing.
            JsonFields.SkipValue(ref reader);
        }

        if (!e.HasEventTime && !e.EventTimeUnreadable && hasTimestampFallback)
        {
            e.EventTimeSeconds = timestampFallback;
            e.HasEventTime = true;
        }

        // Datadog's remapping moves these two out of the record; they are the same values.
        e.SourceIpAddress ??= networkIp;
        e.UserAgent ??= httpAgent;
    }

    private static void ReadTime(ref Utf8JsonReader reader, CloudTrailEvent e)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            e.EventTimeUnreadable = reader.TokenType != JsonTokenType.Null;
            JsonFields.SkipValue(ref reader);
            return;
        }

        Span<byte> buffer = stackalloc byte[64];
        SetEventTime(e, JsonFields.Name(in reader, buffer));
    }

    /// <summary>eventTime's text (unescaped): the time, or marked unreadable.</summary>
    internal static void SetEventTime(CloudTrailEvent e, ReadOnlySpan<byte> text)
    {
        if (EventTime.TryParse(text, out var seconds))
        {
            e.EventTimeSeconds = seconds;
            e.HasEventTime = true;
            e.EventTimeUnreadable = false;
        }
        else
        {
            e.EventTimeUnreadable = true;
        }
    }

    private static void ReadEventId(ref Utf8JsonReader reader, CloudTrailEvent e)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            return;
        }

        Span<byte> buffer = stackalloc byte[256];
        e.SetEventId(JsonFields.Name(in reader, buffer));
    }

    private static void ReadAdditionalEventData(ref Utf8JsonReader reader, CloudTrailEvent e)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            JsonFields.SkipValue(ref reader);
            return;
        }

        Span<byte> nameBuffer = stackalloc byte[64];
        while (JsonFields.Next(ref reader) && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = JsonFields.Name(in reader, nameBuffer);
            JsonFields.Next(ref reader);
            if (JsonFields.Is(name, "mfaused"u8))
            {
                e.MfaUsed = JsonFields.Boolean(ref reader);
            }
            else if (JsonFields.Is(name, "samlproviderarn"u8))
            {
                e.HasSamlProviderArn = reader.TokenType == JsonTokenType.String && reader.ValueSpan.Length > 0;
            }

            JsonFields.SkipValue(ref reader);
        }
    }

    private static void ReadResponseElements(ref Utf8JsonReader reader, CloudTrailEvent e, StringPool pool)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            JsonFields.SkipValue(ref reader);
            return;
        }

        // One pass: the fields we keep are read while every token is hashed (the hash tells apart
        // events that share a placeholder eventID).
        var hash = Features.StableHash.Seed;
        Span<byte> nameBuffer = stackalloc byte[64];
        while (JsonFields.Next(ref reader) && reader.TokenType == JsonTokenType.PropertyName)
        {
            hash = HashToken(hash, in reader);
            var name = JsonFields.Name(in reader, nameBuffer);
            JsonFields.Next(ref reader);
            if (JsonFields.Is(name, "consolelogin"u8))
            {
                e.ConsoleLoginResult = JsonFields.String(ref reader, pool);
            }

            hash = HashValue(ref reader, hash);
        }

        e.ResponseHash = hash;
    }

    internal static readonly NameTable<RequestField> RequestFields = new(
        ("cidrip", RequestField.Cidr),
        ("cidripv6", RequestField.Cidr),
        ("fromport", RequestField.FromPort),
        ("toport", RequestField.ToPort),
        ("ipprotocol", RequestField.IpProtocol),
        ("ippermissions", RequestField.IpPermissions),
        ("username", RequestField.UserName),
        ("policyarn", RequestField.PolicyArn),
        ("policydocument", RequestField.PolicyDocument),
        ("bucketpolicy", RequestField.ResourcePolicy),
        ("policytext", RequestField.ResourcePolicy),
        ("resourcepolicy", RequestField.ResourcePolicy),
        ("policy", RequestField.ResourcePolicy),
        ("accesspolicies", RequestField.ResourcePolicy),
        ("assumerolepolicydocument", RequestField.ResourcePolicy),
        ("attributes", RequestField.Attributes),
        ("createvolumepermission", RequestField.PermissionAdds),
        ("launchpermission", RequestField.PermissionAdds),
        ("valuestoadd", RequestField.ValuesToAdd));

    internal enum RequestField
    {
        None,
        Cidr,
        FromPort,
        ToPort,
        IpProtocol,
        IpPermissions,
        UserName,
        PolicyArn,
        PolicyDocument,
        ResourcePolicy,
        Attributes,
        PermissionAdds,
        ValuesToAdd,
    }

    private static void ReadRequestParameters(ref Utf8JsonReader reader, CloudTrailEvent e, StringPool pool)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            JsonFields.SkipValue(ref reader);
            return;
        }

        var hash = Features.StableHash.Seed;
        Span<byte> nameBuffer = stackalloc byte[64];
        string? cidr = null;
        string? protocol = null;
        int fromPort = -1, toPort = -1;
        while (JsonFields.Next(ref reader) && reader.TokenType == JsonTokenType.PropertyName)
        {
            hash = HashToken(hash, in reader);
            var field = RequestFields.Find(JsonFields.Name(in reader, nameBuffer));
            JsonFields.Next(ref reader);
            switch (field)
            {
                case RequestField.Cidr:
                    cidr = JsonFields.String(ref reader, pool);
                    break;
                case RequestField.FromPort:
                    fromPort = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var from) ? from : -1;
                    break;
                case RequestField.ToPort:
                    toPort = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var to) ? to : -1;
                    break;
                case RequestField.IpProtocol:
                    protocol = JsonFields.String(ref reader, pool);
                    break;
                case RequestField.IpPermissions when reader.TokenType == JsonTokenType.StartObject:
                    var permissions = reader;
                    ReadIpPermissions(ref permissions, e);
                    break;
                case RequestField.UserName:
                    e.TargetUserName = JsonFields.String(ref reader, pool);
                    break;
                case RequestField.PolicyArn:
                    e.PolicyArn = JsonFields.String(ref reader, pool);
                    break;
                case RequestField.PolicyDocument:
                    e.PolicyDocument = LongText(ref reader);
                    break;
                case RequestField.ResourcePolicy:
                    // S3 logs an empty "policy" beside bucketPolicy: only a policy with text replaces one already read.
                    var policy = reader;
                    e.ResourcePolicy = PolicyText(ref policy) is { Length: > 0 } text && !string.IsNullOrWhiteSpace(text) ? text : e.ResourcePolicy;
                    break;
                case RequestField.Attributes when reader.TokenType == JsonTokenType.StartObject:
                    // SQS keeps a queue's policy among its attributes.
                    var attributes = reader;
                    e.ResourcePolicy = NestedPolicy(ref attributes) is { } nested && !string.IsNullOrWhiteSpace(nested) ? nested : e.ResourcePolicy;
                    break;
                case RequestField.PermissionAdds:
                    var adds = reader;
                    ReadPermissionAdds(ref adds, e, pool);
                    break;
                case RequestField.ValuesToAdd when reader.TokenType == JsonTokenType.StartArray:
                    var values = reader;
                    while (JsonFields.Next(ref values) && values.TokenType != JsonTokenType.EndArray)
                    {
                        if (JsonFields.String(ref values, pool) is { } value)
                        {
                            e.SharedWith.Add(value);
                        }

                        JsonFields.SkipValue(ref values);
                    }

                    break;
            }

            hash = HashValue(ref reader, hash);
        }

        if (cidr is not null)
        {
            // The older form of AuthorizeSecurityGroupIngress: one range and its ports at the top level.
            e.Ingress.Add(new IngressRange(cidr, fromPort, toPort, protocol));
        }

        e.RequestHash = hash;
    }

    /// <summary>EC2's <c>{"items":[{"ipProtocol":"tcp","fromPort":22,"toPort":22,"ipRanges":{"items":[{"cidrIp":"…"}]},"ipv6Ranges":…}]}</c>.</summary>
    private static void ReadIpPermissions(ref Utf8JsonReader reader, CloudTrailEvent e)
    {
        // Rare (security-group calls only): read whole once it is all in the buffer.
        var probe = reader;
        JsonFields.SkipValue(ref probe);

        using var document = JsonDocument.ParseValue(ref reader);
        if (Property(document.RootElement, "items") is not { ValueKind: JsonValueKind.Array } items)
        {
            return;
        }

        foreach (var permission in items.EnumerateArray())
        {
            if (permission.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var protocol = Property(permission, "ipProtocol") is { ValueKind: JsonValueKind.String } p ? p.GetString() : null;
            var from = Property(permission, "fromPort") is { ValueKind: JsonValueKind.Number } f && f.TryGetInt32(out var fp) ? fp : -1;
            var to = Property(permission, "toPort") is { ValueKind: JsonValueKind.Number } t && t.TryGetInt32(out var tp) ? tp : -1;
            foreach (var (list, key) in new[] { ("ipRanges", "cidrIp"), ("ipv6Ranges", "cidrIpv6") })
            {
                if (Property(permission, list) is { ValueKind: JsonValueKind.Object } ranges && Property(ranges, "items") is { ValueKind: JsonValueKind.Array } entries)
                {
                    foreach (var entry in entries.EnumerateArray())
                    {
                        if (entry.ValueKind == JsonValueKind.Object && Property(entry, key) is { ValueKind: JsonValueKind.String } range && range.GetString() is { Length: > 0 } text)
                        {
                            e.Ingress.Add(new IngressRange(text, from, to, protocol));
                        }
                    }
                }
            }
        }
    }

    private static JsonElement? Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : null;

    /// <summary>A policy written as a JSON string or as an object (S3 and KMS log it either way), as text; null for anything else.</summary>
    private static string? PolicyText(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return LongText(ref reader);
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        // The whole object must be in the buffer before JsonDocument reads it; otherwise retry after a refill.
        var probe = reader;
        JsonFields.SkipValue(ref probe);

        if (probe.BytesConsumed - reader.TokenStartIndex > 64 * 1024)
        {
            return null;
        }

        using var document = JsonDocument.ParseValue(ref reader);
        return document.RootElement.GetRawText();
    }

    private static string? NestedPolicy(ref Utf8JsonReader reader)
    {
        var depth = reader.CurrentDepth;
        Span<byte> nameBuffer = stackalloc byte[64];
        while (JsonFields.Next(ref reader) && reader.CurrentDepth > depth)
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == depth + 1 && JsonFields.Is(JsonFields.Name(in reader, nameBuffer), "policy"u8))
            {
                JsonFields.Next(ref reader);
                return PolicyText(ref reader);
            }
        }

        return null;
    }

    /// <summary>A policy document: kept whole (up to 64 KB) only for the few events that carry one.</summary>
    private static string? LongText(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String || reader.ValueSpan.Length > 64 * 1024)
        {
            return null;
        }

        try
        {
            return reader.GetString();
        }
        catch (InvalidOperationException)
        {
            // Escapes that do not decode (lone surrogates): not a policy we can read.
            return null;
        }
    }

    /// <summary>EC2's <c>{"add":{"items":[{"userId":"…"},{"group":"all"}]}}</c>: who a snapshot or image is shared with.</summary>
    private static void ReadPermissionAdds(ref Utf8JsonReader reader, CloudTrailEvent e, StringPool pool)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            JsonFields.SkipValue(ref reader);
            return;
        }

        var depth = reader.CurrentDepth;
        var inAdd = false;
        Span<byte> nameBuffer = stackalloc byte[32];
        while (JsonFields.Next(ref reader) && reader.CurrentDepth > depth)
        {
            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                continue;
            }

            var name = JsonFields.Name(in reader, nameBuffer);
            if (reader.CurrentDepth == depth + 1)
            {
                inAdd = JsonFields.Is(name, "add"u8);
            }
            else if (inAdd && (JsonFields.Is(name, "userid"u8) || JsonFields.Is(name, "group"u8)))
            {
                JsonFields.Next(ref reader);
                if (JsonFields.String(ref reader, pool) is { } value)
                {
                    e.SharedWith.Add(value);
                }
            }
        }
    }

    /// <summary>Reads <c>{outer:{inner:"x"}}</c>-style nesting used by Datadog exports (or <c>{outer:"x"}</c> when inner is empty).</summary>
    private static string? ReadNestedString(ref Utf8JsonReader reader, ReadOnlySpan<byte> first, ReadOnlySpan<byte> second, StringPool pool)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            JsonFields.SkipValue(ref reader);
            return null;
        }

        string? found = null;
        Span<byte> nameBuffer = stackalloc byte[64];
        while (JsonFields.Next(ref reader) && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = JsonFields.Name(in reader, nameBuffer);
            JsonFields.Next(ref reader);
            if (JsonFields.Is(name, first))
            {
                if (second.IsEmpty)
                {
                    found = JsonFields.String(ref reader, pool);
                }
                else if (reader.TokenType == JsonTokenType.StartObject)
                {
                    found = ReadNestedString(ref reader, second, default, pool);
                    continue;
                }
            }

            JsonFields.SkipValue(ref reader);
        }

        return found;
    }

    /// <summary>Hashes the current value token by token (white space and formatting do not change it), leaving the reader on its last token.</summary>
    private static ulong HashValue(ref Utf8JsonReader reader, ulong hash)
    {
        hash = HashToken(hash, in reader);
        if (reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
        {
            return hash;
        }

        var depth = reader.CurrentDepth;
        while (JsonFields.Next(ref reader) && reader.CurrentDepth > depth)
        {
            hash = HashToken(hash, in reader);
        }

        return HashToken(hash, in reader);
    }

    private static ulong HashToken(ulong hash, in Utf8JsonReader reader)
    {
        hash = Features.StableHash.Add(hash, (long)reader.TokenType);
        if (reader.TokenType is JsonTokenType.PropertyName or JsonTokenType.String or JsonTokenType.Number)
        {
            hash = reader.ValueIsEscaped ? AddUnescaped(hash, in reader) : Features.StableHash.Add(hash, reader.ValueSpan);
        }

        return hash;
    }

    /// <summary>
    /// Hashes a string as text, not as written: writers escape differently ("&amp;" or "\u0026"), and
    /// the same event must hash the same whichever wrote it.
    /// </summary>
    private static ulong AddUnescaped(ulong hash, in Utf8JsonReader reader)
    {
        var length = reader.ValueSpan.Length;
        byte[]? rented = null;
        var buffer = length <= 256 ? stackalloc byte[256] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            var written = reader.CopyString(buffer);
            return Features.StableHash.Add(hash, buffer[..written]);
        }
        catch (InvalidOperationException)
        {
            // A lone surrogate escape has no UTF-8 form: hash it as written.
            return Features.StableHash.Add(hash, reader.ValueSpan);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
