using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;
using IamUeba.Core.Features;
using static IamUeba.Core.CloudTrail.EventParser;
using static IamUeba.Core.CloudTrail.IdentityParser;

namespace IamUeba.Core.CloudTrail;

/// <summary>
/// Reads the common CloudTrail event straight from its bytes with <see cref="JsonScanner"/> into
/// the same <see cref="CloudTrailEvent"/> as <see cref="EventParser"/>, without the cost of a
/// <see cref="Utf8JsonReader"/> token for every value (docs/performance.md has the figures). It
/// takes only what it reads exactly as EventParser does and declines the rest (an escape in a key,
/// in eventTime, eventID or a flag; a policy document; a Datadog export's nesting; JSON the reader
/// would refuse): EventParser reads those, or says where they are wrong. Tests hold the two to the
/// same events.
/// </summary>
internal static class FastEventParser
{
    /// <summary>
    /// Reads the event object at <paramref name="start"/>, at most <paramref name="depth"/>
    /// containers deep (itself included); <paramref name="end"/> is just past it when parsed.
    /// </summary>
    public static FastParse TryParse(ReadOnlySpan<byte> data, int start, CloudTrailEvent e, StringPool pool, int depth, out int end)
    {
        e.Reset();
        var scanner = new JsonScanner(data, start);
        var parsed = depth > 0 && ReadEvent(ref scanner, e, pool, depth - 1);
        end = scanner.Position;
        return parsed ? FastParse.Parsed : scanner.RanOut ? FastParse.RanOut : FastParse.Declined;
    }

    /// <summary>
    /// Reads one whole event object, bytes already checked or about to be, as EventParser.Parse
    /// would (its depth); false when the scanner declines it, the pool's count of cut values as it
    /// was, for EventParser to read the event from its start.
    /// </summary>
    public static bool TryParseWhole(ReadOnlySpan<byte> json, CloudTrailEvent e, StringPool pool)
    {
        var truncatedBefore = pool.TruncatedValues;
        if (TryParse(json, 0, e, pool, WholeEventDepth, out var end) == FastParse.Parsed && end == json.Length)
        {
            return true;
        }

        pool.RestoreTruncated(truncatedBefore);
        return false;
    }

    // EventParser.Parse's depth. The callers' readers checked depth in the whole document (or bounded
    // it where they found the event's end); this only bounds the scanner's recursion.
    private const int WholeEventDepth = 256;

    private static bool ReadEvent(ref JsonScanner s, CloudTrailEvent e, StringPool pool, int depth)
    {
        if (!s.Take((byte)'{'))
        {
            return false;
        }

        long timestampFallback = 0;
        var hasTimestampFallback = false;
        var more = !s.Take((byte)'}');
        while (more)
        {
            if (!Name(ref s, out var name))
            {
                return false;
            }

            string? text;
            bool read;
            switch (EventFields.Find(name))
            {
                case EventField.EventTime:
                    read = ReadTime(ref s, e, depth);
                    break;
                case EventField.EventName:
                    read = String(ref s, pool, depth, out text);
                    e.EventName = text;
                    break;
                case EventField.EventSource:
                    read = String(ref s, pool, depth, out text);
                    e.EventSource = text;
                    break;
                case EventField.AwsRegion:
                    read = String(ref s, pool, depth, out text);
                    e.AwsRegion = text;
                    break;
                case EventField.SourceIpAddress:
                    read = String(ref s, pool, depth, out text);
                    e.SourceIpAddress = text;
                    break;
                case EventField.UserAgent:
                    read = String(ref s, pool, depth, out text);
                    e.UserAgent = text;
                    break;
                case EventField.ErrorCode:
                    read = String(ref s, pool, depth, out text);
                    e.ErrorCode = text;
                    break;
                case EventField.RecipientAccountId:
                    read = String(ref s, pool, depth, out text);
                    e.RecipientAccountId = text;
                    break;
                case EventField.EventId:
                    read = ReadEventId(ref s, e, depth);
                    break;
                case EventField.EventType:
                    read = Raw(ref s, depth, out var type, out var isString, out var escaped) && !escaped;
                    e.IsInsight = isString && JsonFields.Is(type, "awscloudtrailinsight"u8);
                    break;
                case EventField.UserIdentity:
                    read = ReadIdentityOrRecall(ref s, e, pool, depth);
                    break;
                case EventField.AdditionalEventData:
                    read = ReadAdditionalEventData(ref s, e, depth);
                    break;
                case EventField.ResponseElements:
                    read = ReadResponseElements(ref s, e, pool, depth);
                    break;
                case EventField.RequestParameters:
                    read = ReadRequestParameters(ref s, e, pool, depth);
                    break;
                case EventField.Timestamp:
                    // As EventParser: the time as written (an escape makes it unreadable either way).
                    read = Raw(ref s, depth, out var stamp, out var isStamp, out _);
                    hasTimestampFallback = read && isStamp && EventTime.TryParse(stamp, out timestampFallback);
                    break;
                case EventField.Network or EventField.Http:
                    return false; // Datadog's nesting: EventParser reads it
                default:
                    read = s.Skip(depth);
                    break;
            }

            if (!read)
            {
                return false;
            }

            if (!NextMember(ref s, out more))
            {
                return false;
            }
        }

        if (!e.HasEventTime && !e.EventTimeUnreadable && hasTimestampFallback)
        {
            e.EventTimeSeconds = timestampFallback;
            e.HasEventTime = true;
        }

        return true;
    }

    private static bool ReadTime(ref JsonScanner s, CloudTrailEvent e, int depth)
    {
        if (!s.Peek(out var first))
        {
            return false;
        }

        if (first != '"')
        {
            // As EventParser: null is an absent time, anything else an unreadable one.
            var isNull = first == 'n';
            e.EventTimeUnreadable = !isNull;
            return isNull ? s.Literal("null"u8) : s.Skip(depth);
        }

        if (!s.String(out var text, out var escaped) || escaped)
        {
            return false;
        }

        SetEventTime(e, text);
        return true;
    }

    private static bool ReadEventId(ref JsonScanner s, CloudTrailEvent e, int depth)
    {
        if (!Raw(ref s, depth, out var id, out var isString, out var escaped) || escaped)
        {
            return false;
        }

        if (isString)
        {
            e.SetEventId(id);
        }

        return true;
    }

    /// <summary>
    /// The event's first userIdentity object, taken from <see cref="IdentityMemo"/> when its bytes
    /// were read before, else read and remembered. Only onto a fresh identity (what is remembered is a
    /// reading from scratch), and not when reading it cut a value (the pool counts each cut).
    /// </summary>
    private static bool ReadIdentityOrRecall(ref JsonScanner s, CloudTrailEvent e, StringPool pool, int depth)
    {
        if (e.HasUserIdentity || !s.Peek(out var first) || first != '{')
        {
            return ReadIdentity(ref s, e, pool, depth);
        }

        var start = s.Position;
        var end = ObjectEnd.Find(s.Data, start, depth);
        var hash = 0UL;
        if (end > 0 && pool.Identities.TryRecall(s.Data[start..end], depth, e.Identity, out hash))
        {
            e.HasUserIdentity = true;
            s.MoveTo(end);
            return true;
        }

        var truncated = pool.TruncatedValues;
        if (!ReadIdentity(ref s, e, pool, depth))
        {
            return false;
        }

        if (end > 0 && s.Position == end && pool.TruncatedValues == truncated)
        {
            pool.Identities.Remember(s.Data[start..end], hash, depth, e.Identity);
        }

        return true;
    }

    private static bool ReadIdentity(ref JsonScanner s, CloudTrailEvent e, StringPool pool, int depth)
    {
        if (!EnterObject(ref s, ref depth, out var isObject, out var more))
        {
            return false;
        }

        e.HasUserIdentity |= isObject;
        var id = e.Identity;
        while (more)
        {
            if (!Name(ref s, out var name))
            {
                return false;
            }

            string? text;
            var read = true;
            switch (IdentityFields.Find(name))
            {
                case IdentityField.Type:
                    read = String(ref s, pool, depth, out text);
                    id.Type = text;
                    break;
                case IdentityField.Arn:
                    read = String(ref s, pool, depth, out text);
                    id.Arn = text;
                    break;
                case IdentityField.PrincipalId:
                    read = String(ref s, pool, depth, out text);
                    id.PrincipalId = text;
                    break;
                case IdentityField.AccountId:
                    read = String(ref s, pool, depth, out text);
                    id.AccountId = text;
                    break;
                case IdentityField.UserName:
                    read = String(ref s, pool, depth, out text);
                    id.UserName = text;
                    break;
                case IdentityField.InvokedBy:
                    read = String(ref s, pool, depth, out text);
                    id.InvokedBy = text;
                    break;
                case IdentityField.IdentityProvider:
                    read = String(ref s, pool, depth, out text);
                    id.IdentityProvider = text;
                    break;
                case IdentityField.UserId:
                    read = String(ref s, pool, depth, out text);
                    id.UserId = text;
                    break;
                case IdentityField.IdentityStoreArn:
                    read = String(ref s, pool, depth, out text);
                    id.IdentityStoreArn = text;
                    break;
                case IdentityField.AccessKeyId:
                    // As IdentityParser: the key as written.
                    read = Raw(ref s, depth, out var key, out var isKey, out _);
                    id.LongTermAccessKey = isKey && key.StartsWith("AKIA"u8);
                    break;
                case IdentityField.OnBehalfOf:
                    read = ReadOnBehalfOf(ref s, id, pool, depth);
                    break;
                case IdentityField.SessionContext:
                    read = ReadSessionContext(ref s, id, pool, depth);
                    break;
                default:
                    read = s.Skip(depth);
                    break;
            }

            if (!read || !NextMember(ref s, out more))
            {
                return false;
            }
        }

        return true;
    }

    private static bool ReadOnBehalfOf(ref JsonScanner s, UserIdentity id, StringPool pool, int depth)
    {
        if (!EnterObject(ref s, ref depth, out _, out var more))
        {
            return false;
        }

        while (more)
        {
            if (!Name(ref s, out var name))
            {
                return false;
            }

            string? text;
            bool read;
            if (JsonFields.Is(name, "userid"u8))
            {
                read = String(ref s, pool, depth, out text);
                id.OnBehalfOfUserId = text;
            }
            else if (JsonFields.Is(name, "identitystorearn"u8))
            {
                read = String(ref s, pool, depth, out text);
                id.OnBehalfOfIdentityStoreArn = text;
            }
            else
            {
                read = s.Skip(depth);
            }

            if (!read || !NextMember(ref s, out more))
            {
                return false;
            }
        }

        return true;
    }

    private static bool ReadSessionContext(ref JsonScanner s, UserIdentity id, StringPool pool, int depth)
    {
        if (!EnterObject(ref s, ref depth, out var isObject, out var more))
        {
            return false;
        }

        id.HasSessionContext |= isObject;
        while (more)
        {
            if (!Name(ref s, out var name))
            {
                return false;
            }

            bool read;
            if (JsonFields.Is(name, "sessionissuer"u8))
            {
                read = ReadSessionIssuer(ref s, id, pool, depth);
            }
            else if (JsonFields.Is(name, "attributes"u8))
            {
                read = ReadAttributes(ref s, id, depth);
            }
            else if (JsonFields.Is(name, "webidfederationdata"u8))
            {
                read = s.NonEmptyContainer(depth, out var nonEmpty);
                id.HasWebIdFederation = nonEmpty;
            }
            else
            {
                read = s.Skip(depth);
            }

            if (!read || !NextMember(ref s, out more))
            {
                return false;
            }
        }

        return true;
    }

    private static bool ReadSessionIssuer(ref JsonScanner s, UserIdentity id, StringPool pool, int depth)
    {
        if (!EnterObject(ref s, ref depth, out _, out var more))
        {
            return false;
        }

        while (more)
        {
            if (!Name(ref s, out var name))
            {
                return false;
            }

            bool read;
            if (JsonFields.Is(name, "arn"u8))
            {
                read = String(ref s, pool, depth, out var arn);
                id.SessionIssuerArn = arn;
            }
            else
            {
                read = s.Skip(depth);
            }

            if (!read || !NextMember(ref s, out more))
            {
                return false;
            }
        }

        return true;
    }

    private static bool ReadAttributes(ref JsonScanner s, UserIdentity id, int depth)
    {
        if (!EnterObject(ref s, ref depth, out _, out var more))
        {
            return false;
        }

        while (more)
        {
            if (!Name(ref s, out var name))
            {
                return false;
            }

            bool read;
            if (JsonFields.Is(name, "mfaauthenticated"u8))
            {
                read = Boolean(ref s, depth, out var mfa);
                id.MfaAuthenticated = mfa;
            }
            else
            {
                read = s.Skip(depth);
            }

            if (!read || !NextMember(ref s, out more))
            {
                return false;
            }
        }

        return true;
    }

    private static bool ReadAdditionalEventData(ref JsonScanner s, CloudTrailEvent e, int depth)
    {
        if (!EnterObject(ref s, ref depth, out _, out var more))
        {
            return false;
        }

        while (more)
        {
            if (!Name(ref s, out var name))
            {
                return false;
            }

            bool read;
            if (JsonFields.Is(name, "mfaused"u8))
            {
                read = Boolean(ref s, depth, out var used);
                e.MfaUsed = used;
            }
            else if (JsonFields.Is(name, "samlproviderarn"u8))
            {
                // As EventParser: present when written non-empty, escapes and all.
                read = Raw(ref s, depth, out var arn, out var isString, out _);
                e.HasSamlProviderArn = isString && arn.Length > 0;
            }
            else
            {
                read = s.Skip(depth);
            }

            if (!read || !NextMember(ref s, out more))
            {
                return false;
            }
        }

        return true;
    }

    private static bool ReadResponseElements(ref JsonScanner s, CloudTrailEvent e, StringPool pool, int depth)
    {
        if (!EnterObject(ref s, ref depth, out var isObject, out var more))
        {
            return false;
        }

        if (!isObject)
        {
            return true; // as EventParser: no hash for a value that is not an object
        }

        // As EventParser: every member's tokens hashed, the object's own braces not.
        var hash = StableHash.Seed;
        while (more)
        {
            if (!Name(ref s, out var name))
            {
                return false;
            }

            hash = JsonScanner.HashToken(hash, JsonTokenType.PropertyName, name);
            if (JsonFields.Is(name, "consolelogin"u8))
            {
                var value = s;
                if (!String(ref value, pool, depth, out var result))
                {
                    return false;
                }

                e.ConsoleLoginResult = result;
            }

            if (!s.Hash(depth, ref hash) || !NextMember(ref s, out more))
            {
                return false;
            }
        }

        e.ResponseHash = hash;
        return true;
    }

    private static bool ReadRequestParameters(ref JsonScanner s, CloudTrailEvent e, StringPool pool, int depth)
    {
        if (!EnterObject(ref s, ref depth, out var isObject, out var more))
        {
            return false;
        }

        if (!isObject)
        {
            return true; // as EventParser: no hash for a value that is not an object
        }

        var hash = StableHash.Seed;
        string? cidr = null;
        string? protocol = null;
        int fromPort = -1, toPort = -1;
        while (more)
        {
            if (!Name(ref s, out var name))
            {
                return false;
            }

            hash = JsonScanner.HashToken(hash, JsonTokenType.PropertyName, name);
            var value = s;
            var read = true;
            switch (RequestFields.Find(name))
            {
                case RequestField.None:
                    break;
                case RequestField.Cidr:
                    read = String(ref value, pool, depth, out cidr);
                    break;
                case RequestField.FromPort:
                    read = Port(ref value, depth, out fromPort);
                    break;
                case RequestField.ToPort:
                    read = Port(ref value, depth, out toPort);
                    break;
                case RequestField.IpProtocol:
                    read = String(ref value, pool, depth, out protocol);
                    break;
                case RequestField.UserName:
                    read = String(ref value, pool, depth, out var user);
                    e.TargetUserName = user;
                    break;
                case RequestField.PolicyArn:
                    read = String(ref value, pool, depth, out var policy);
                    e.PolicyArn = policy;
                    break;
                default:
                    return false; // policies, permissions, security-group rules: rare, and EventParser reads them
            }

            if (!read || !s.Hash(depth, ref hash) || !NextMember(ref s, out more))
            {
                return false;
            }
        }

        if (cidr is not null)
        {
            e.Ingress.Add(new IngressRange(cidr, fromPort, toPort, protocol));
        }

        e.RequestHash = hash;
        return true;
    }

    /// <summary>As <see cref="Utf8JsonReader.TryGetInt32"/> on a number; -1 for anything else.</summary>
    private static bool Port(ref JsonScanner s, int depth, out int port)
    {
        port = -1;
        if (!s.Peek(out var first))
        {
            return false;
        }

        if (first is not ((byte)'-' or (>= (byte)'0' and <= (byte)'9')))
        {
            return s.Skip(depth);
        }

        if (!s.Number(out var number))
        {
            return false;
        }

        port = Utf8Parser.TryParse(number, out int value, out var consumed) && consumed == number.Length ? value : -1;
        return true;
    }

    /// <summary>As JsonFields.Boolean: true/false, or "true"/"yes"/"false"/"no" in any case; null otherwise.</summary>
    private static bool Boolean(ref JsonScanner s, int depth, out bool? value)
    {
        value = null;
        if (!s.Peek(out var first))
        {
            return false;
        }

        switch (first)
        {
            case (byte)'t':
                value = true;
                return s.Literal("true"u8);
            case (byte)'f':
                value = false;
                return s.Literal("false"u8);
            case (byte)'"':
                if (!s.String(out var text, out var escaped) || escaped)
                {
                    return false;
                }

                value = JsonFields.Is(text, "true"u8) || JsonFields.Is(text, "yes"u8) ? true
                    : JsonFields.Is(text, "false"u8) || JsonFields.Is(text, "no"u8) ? false
                    : null;
                return true;
            default:
                return s.Skip(depth);
        }
    }

    /// <summary>A value where a string belongs: the string interned, or null (the value stepped over) when it is not a string.</summary>
    private static bool String(ref JsonScanner s, StringPool pool, int depth, out string? value)
    {
        value = null;
        if (!Raw(ref s, depth, out var text, out var isString, out var escaped))
        {
            return false;
        }

        if (isString)
        {
            using var unescaped = new StringText(text, escaped);
            value = pool.Get(unescaped.Span);
        }

        return true;
    }

    /// <summary>A string's bytes as written, or any other value stepped over (<paramref name="isString"/> false).</summary>
    private static bool Raw(ref JsonScanner s, int depth, out ReadOnlySpan<byte> text, out bool isString, out bool escaped)
    {
        text = default;
        escaped = false;
        isString = s.Peek(out var first) && first == '"';
        return isString ? s.String(out text, out escaped) : s.Skip(depth);
    }

    private static bool Name(ref JsonScanner s, out ReadOnlySpan<byte> name) =>
        s.String(out name, out var escaped) && !escaped && s.Take((byte)':');

    /// <summary>After a member: a comma (another follows) or the closing brace.</summary>
    private static bool NextMember(ref JsonScanner s, out bool more)
    {
        more = s.Take((byte)',');
        return more || s.Take((byte)'}');
    }

    /// <summary>
    /// At an object: enters it, one level deeper (false past the depth); <paramref name="more"/>
    /// when it has members. At any other value: steps over it, and there is nothing to read.
    /// </summary>
    private static bool EnterObject(ref JsonScanner s, ref int depth, out bool isObject, out bool more)
    {
        more = false;
        isObject = false;
        if (!s.Peek(out var first))
        {
            return false;
        }

        if (first != '{')
        {
            return s.Skip(depth);
        }

        if (depth == 0)
        {
            return false;
        }

        isObject = true;
        depth--;
        s.Take((byte)'{');
        more = !s.Take((byte)'}');
        return true;
    }
}
