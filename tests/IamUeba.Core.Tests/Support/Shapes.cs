using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using IamUeba.Core.IO;

namespace IamUeba.Core.Tests.Support;

/// <summary>
/// The containers real users upload CloudTrail in (design §1), built around the same events, so a
/// test can check that the container never changes the answer.
/// </summary>
public static class Shapes
{
    public const string Records = "records";
    public const string Array = "array";
    public const string JsonLines = "json lines";
    public const string LookupEvents = "lookup-events";
    public const string LookupEventsLines = "lookup-events items, one per line";
    public const string CloudWatchLogs = "cloudwatch logs envelope";
    public const string CloudWatchLogsBatches = "cloudwatch logs envelopes, one after another";
    public const string EventBridgeLines = "eventbridge envelopes, one per line";
    public const string EventBridgeConcatenated = "eventbridge envelopes, concatenated";

    public static readonly string[] All =
    [
        Records, Array, JsonLines, LookupEvents, LookupEventsLines, CloudWatchLogs, CloudWatchLogsBatches, EventBridgeLines, EventBridgeConcatenated,
    ];

    /// <summary>The events of corpus Records files, each the source's own object, in file order.</summary>
    public static List<JsonObject> CorpusEvents(IEnumerable<string> files) =>
        files.SelectMany(f => JsonNode.Parse(Corpus.Bytes(f))!["Records"]!.AsArray().Select(e => e!.DeepClone().AsObject())).ToList();

    public static byte[] Build(string shape, IReadOnlyList<JsonObject> events) => shape switch
    {
        Records => Utf8(new JsonObject { ["Records"] = ArrayOf(events) }.ToJsonString()),
        Array => Utf8(ArrayOf(events).ToJsonString()),
        JsonLines => Utf8(string.Join("\n", events.Select(e => e.ToJsonString())) + "\n"),
        LookupEvents => Utf8(new JsonObject { ["Events"] = new JsonArray(NewestFirst(events).Select(LookupItem).ToArray()), ["NextToken"] = "eyJOZXh0VG9rZW4iOiBudWxsfQ==" }.ToJsonString()),
        LookupEventsLines => Utf8(string.Join("\n", NewestFirst(events).Select(e => LookupItem(e).ToJsonString()))),
        CloudWatchLogs => Utf8(CloudWatchEnvelope(events, 0).ToJsonString()),
        CloudWatchLogsBatches => Utf8(string.Concat(events.Chunk(25).Select((batch, i) => CloudWatchEnvelope(batch, i).ToJsonString()))),
        EventBridgeLines => Utf8(string.Join("\n", events.Select(e => EventBridgeEnvelope(e).ToJsonString()))),
        EventBridgeConcatenated => Utf8(string.Concat(events.Select(e => EventBridgeEnvelope(e).ToJsonString()))),
        _ => throw new ArgumentOutOfRangeException(nameof(shape), shape, "unknown shape"),
    };

    public static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(bytes);
        }

        return output.ToArray();
    }

    /// <summary>The events as three Records files, as CloudTrail delivers one file per few minutes.</summary>
    public static IReadOnlyList<(string Name, byte[] Bytes)> SplitIntoThree(IReadOnlyList<JsonObject> events)
    {
        var size = (events.Count + 2) / 3;
        return events.Chunk(size)
            .Select((chunk, i) => ($"111122223333_CloudTrail_us-east-1_20240801T12{i:00}Z_part{i}.json.gz", Gzip(Build(Records, chunk))))
            .ToList();
    }

    private static JsonArray ArrayOf(IEnumerable<JsonObject> events) => new(events.Select(e => (JsonNode)e.DeepClone()).ToArray());

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static string Text(JsonObject e, string name) => e[name]?.GetValueKind() == System.Text.Json.JsonValueKind.String ? e[name]!.GetValue<string>() : string.Empty;

    /// <summary>lookup-events answers newest first.</summary>
    private static IEnumerable<JsonObject> NewestFirst(IEnumerable<JsonObject> events) =>
        events.OrderByDescending(e => Text(e, "eventTime"), StringComparer.Ordinal);

    /// <summary>One item of <c>aws cloudtrail lookup-events</c>: summary fields, and the event as a JSON string.</summary>
    private static JsonObject LookupItem(JsonObject e) => new()
    {
        ["EventId"] = Text(e, "eventID"),
        ["EventName"] = Text(e, "eventName"),
        ["ReadOnly"] = "true",
        ["AccessKeyId"] = e["userIdentity"]?["accessKeyId"]?.DeepClone(),
        ["EventTime"] = Text(e, "eventTime").Replace('T', ' ').Replace("Z", "+00:00", StringComparison.Ordinal),
        ["EventSource"] = Text(e, "eventSource"),
        ["Username"] = e["userIdentity"]?["userName"]?.DeepClone(),
        ["Resources"] = new JsonArray(),
        ["CloudTrailEvent"] = e.ToJsonString(),
    };

    /// <summary>A CloudWatch Logs subscription record: the events as strings under logEvents[].message.</summary>
    private static JsonObject CloudWatchEnvelope(IEnumerable<JsonObject> events, int batch) => new()
    {
        ["messageType"] = "DATA_MESSAGE",
        ["owner"] = "111122223333",
        ["logGroup"] = "aws-cloudtrail-logs-111122223333",
        ["logStream"] = "111122223333_CloudTrail_us-east-1",
        ["subscriptionFilters"] = new JsonArray("to-siem"),
        ["logEvents"] = new JsonArray(events.Select((e, i) => (JsonNode)new JsonObject
        {
            ["id"] = $"3{batch:D5}{i:D50}",
            ["timestamp"] = MillisOf(Text(e, "eventTime")),
            ["message"] = e.ToJsonString(),
        }).ToArray()),
    };

    /// <summary>An EventBridge "AWS API Call via CloudTrail" event: the record under detail.</summary>
    private static JsonObject EventBridgeEnvelope(JsonObject e) => new()
    {
        ["version"] = "0",
        ["id"] = "eb-" + Text(e, "eventID"),
        ["detail-type"] = Text(e, "eventType") == "AwsConsoleSignIn" ? "AWS Console Sign In via CloudTrail" : "AWS API Call via CloudTrail",
        ["source"] = "aws." + Text(e, "eventSource").Replace(".amazonaws.com", string.Empty, StringComparison.Ordinal),
        ["account"] = Text(e, "recipientAccountId"),
        ["time"] = Text(e, "eventTime"),
        ["region"] = Text(e, "awsRegion"),
        ["resources"] = new JsonArray(),
        ["detail"] = e.DeepClone(),
    };

    private static long MillisOf(string isoTime) =>
        DateTimeOffset.TryParse(isoTime, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t.ToUnixTimeMilliseconds() : 0;
}

/// <summary>A stream that hands out at most one byte per read, as a slow network might.</summary>
public sealed class OneByteStream(byte[] bytes) : ReadOnlyStream
{
    private int _position;

    public int Reads { get; private set; }

    public override int Read(Span<byte> buffer)
    {
        Reads++;
        if (buffer.IsEmpty || _position == bytes.Length)
        {
            return 0;
        }

        buffer[0] = bytes[_position++];
        return 1;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));
}

/// <summary>Wraps a stream and remembers the largest read the reader asked for: how big its buffer had grown.</summary>
public sealed class ReadSizeRecordingStream(Stream inner) : ReadOnlyStream
{
    public int LargestRead { get; private set; }

    public override int Read(Span<byte> buffer)
    {
        LargestRead = Math.Max(LargestRead, buffer.Length);
        return inner.Read(buffer);
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        LargestRead = Math.Max(LargestRead, buffer.Length);
        return inner.ReadAsync(buffer, cancellationToken);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
