using System.Text;
using System.Text.Json.Nodes;
using IamUeba.Core.CloudTrail;
using IamUeba.Core.Features;
using IamUeba.Core.Report;

namespace IamUeba.Core.Tests.Support;

/// <summary>Everything one read produced: the part reports, the skips and every delivered event's facts.</summary>
public sealed class Recording
{
    public required IReadOnlyList<PartReport> Parts { get; init; }

    public required SkipLog Skips { get; init; }

    public required IReadOnlyList<EventFact> Events { get; init; }

    public required FeatureAggregator Aggregator { get; init; }

    public PartReport Part => Parts.Single();

    /// <summary>Every record position seen: events, skipped, duplicates and excluded.</summary>
    public long Records => Parts.Sum(p => p.Records);

    public EventFact Event(string eventId) => Events.Single(e => e.EventId == eventId);

    public EventFact Event(string eventId, string eventName) => Events.Single(e => e.EventId == eventId && e.EventName == eventName);

    /// <summary>
    /// The per-event facts, in an order that does not depend on the container (lookup-events is newest
    /// first) and without the part name, one line per event.
    /// </summary>
    public IReadOnlyList<string> FactLines() =>
        Events
            .Select(e => string.Join(" | ", e.Outcome, e.EventId, e.EventName, e.EventTime, e.PrincipalKey, e.PrincipalType, e.AccountId, e.SessionName, e.Mfa, e.Failed ? "failed" : "ok", e.SourceIp, e.GlobalRegion ? "global" : "regional"))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>Per principal: events counted, failures, and events by MFA state.</summary>
    public IReadOnlyDictionary<string, string> PerPrincipal() =>
        Events
            .Where(e => e.Outcome == EventOutcome.Accepted)
            .GroupBy(e => e.PrincipalKey, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => $"{g.First().PrincipalType} events={g.Count()} failed={g.Count(e => e.Failed)} "
                    + string.Join(" ", Enum.GetValues<MfaState>().Select(s => $"mfa_{s}={g.Count(e => e.Mfa == s)}")),
                StringComparer.Ordinal);

    public IReadOnlyDictionary<SkipReason, long> SkipCounts => Skips.Counts;
}

/// <summary>Runs the real reader (and, for reports, the whole pipeline) on bytes, asynchronously.</summary>
public static class Reading
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public static Task<Recording> RecordAsync(string json, DetectionOptions? options = null) =>
        RecordAsync([("test.json", Encoding.UTF8.GetBytes(json))], options);

    public static Task<Recording> RecordAsync(string name, byte[] bytes, DetectionOptions? options = null, Func<byte[], Stream>? open = null, CancellationToken cancellationToken = default) =>
        RecordAsync([(name, bytes)], options, open, cancellationToken);

    public static async Task<Recording> RecordAsync(IEnumerable<(string Name, byte[] Bytes)> parts, DetectionOptions? options = null, Func<byte[], Stream>? open = null, CancellationToken cancellationToken = default)
    {
        options ??= new DetectionOptions();
        open ??= bytes => new MemoryStream(bytes, writable: false);
        var pool = new StringPool(options.Limits.MaxStringLength);
        var recorder = new EventRecorder(pool, options);
        var skips = new SkipLog();
        var reader = new CloudTrailReader(recorder, pool, skips, options.Limits.ToReaderLimits());
        var reports = new List<PartReport>();
        foreach (var (name, bytes) in parts)
        {
            recorder.Part = name;
            await using var stream = open(bytes);
            reports.Add(await reader.ReadAsync(stream, name, cancellationToken).ConfigureAwait(false));
        }

        return new Recording { Parts = reports, Skips = skips, Events = recorder.Events, Aggregator = recorder.Aggregator };
    }

    public static Task<Recording> RecordCorpusAsync(string relative, DetectionOptions? options = null) =>
        RecordAsync(relative, Corpus.Bytes(relative), options);

    public static async Task<DetectionReport> AnalyzeAsync(IEnumerable<(string Name, byte[] Bytes)> parts, DetectionOptions? options = null, Func<byte[], Stream>? open = null)
    {
        open ??= bytes => new MemoryStream(bytes, writable: false);
        var pipeline = new DetectionPipeline(options ?? new DetectionOptions());
        using var timeout = new CancellationTokenSource(Patience);
        return await pipeline.AnalyzeAsync(parts.Select(p => (p.Name, open(p.Bytes))), null, timeout.Token).ConfigureAwait(false);
    }

    public static Task<DetectionReport> AnalyzeAsync(string name, byte[] bytes, DetectionOptions? options = null, Func<byte[], Stream>? open = null) =>
        AnalyzeAsync([(name, bytes)], options, open);

    /// <summary>
    /// The answer as JSON, without what legitimately differs between two uploads of the same events:
    /// the time taken, the per-file table, and where (file, position) skipped examples were found.
    /// </summary>
    public static string Comparable(DetectionReport report)
    {
        var json = System.Text.Json.JsonSerializer.SerializeToNode(report, ReportJson.Options)!.AsObject();
        json.Remove("duration_ms");
        json.Remove("files");
        if (json["skipped_events"]?["examples"] is JsonArray examples)
        {
            foreach (var example in examples.OfType<JsonObject>())
            {
                example.Remove("file");
                example.Remove("index");
            }
        }

        return json.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
    }
}
