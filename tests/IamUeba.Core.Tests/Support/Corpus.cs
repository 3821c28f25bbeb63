using System.Text.Json;
using IamUeba.Core.CloudTrail;

namespace IamUeba.Core.Tests.Support;

/// <summary>What reading one corpus file must give: a shape, or a format error.</summary>
public sealed record CorpusExpectation(InputShape? Shape, FormatProblem? Problem, long? Line = null, long? Column = null, long? ByteOffset = null)
{
    public static CorpusExpectation Reads(InputShape shape) => new(shape, null);

    public static CorpusExpectation Fails(FormatProblem problem, long? line = null, long? column = null, long? byteOffset = null) => new(null, problem, line, column, byteOffset);
}

/// <summary>
/// The shared corpus of real CloudTrail (../shared/corpus, MANIFEST.md), read in place. Paths are
/// relative to the corpus folder with '/' separators.
/// </summary>
public static class Corpus
{
    public const string BrokenZmallenFile = "zmallen-cloudtrail2sightings/raw/cloudtrail.zip/aws.execution.ec2-user-data.json";

    private static readonly string[] Extensions = [".json", ".log", ".jsonl"];

    /// <summary>Every *.json, *.log and *.jsonl file under the corpus, found when the tests run.</summary>
    public static IReadOnlyList<string> AllFiles() =>
        Directory.EnumerateFiles(TestPaths.Corpus, "*", SearchOption.AllDirectories)
            .Where(path => Extensions.Any(ext => path.EndsWith(ext, StringComparison.Ordinal)))
            .Select(path => Path.GetRelativePath(TestPaths.Corpus, path).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();

    public static byte[] Bytes(string relative) => File.ReadAllBytes(Path.Combine(TestPaths.Corpus, relative));

    /// <summary>Every event (with an eventName and eventTime) of the readable Records files, as one line of compact JSON each.</summary>
    public static IReadOnlyList<string> EventLines() =>
        AllFiles()
            .Where(f => Expect(f).Problem is null && Expect(f).Shape == InputShape.Records)
            .SelectMany(f => System.Text.Json.Nodes.JsonNode.Parse(Bytes(f))!["Records"]!.AsArray())
            .OfType<System.Text.Json.Nodes.JsonObject>()
            .Where(e => e.ContainsKey("eventName") && e.ContainsKey("eventTime"))
            .Select(e => e.ToJsonString())
            .ToList();

    public static string Source(string relative) => relative.Split('/')[0];

    public static bool IsSidecar(string relative) =>
        relative == "labels.json" || Path.GetFileName(relative).EndsWith("_index.json", StringComparison.Ordinal);

    /// <summary>
    /// MANIFEST's counting rule: every {"Records":[...]} file outside reconstructed/ holds each event
    /// exactly once; records/ twins stand in for the non-Records originals in raw/.
    /// </summary>
    public static bool IsCounted(string relative) =>
        Expect(relative).Shape == InputShape.Records && !relative.Contains("/reconstructed/", StringComparison.Ordinal);

    public static IReadOnlyList<string> CountedFiles(string source) =>
        AllFiles().Where(f => Source(f) == source && IsCounted(f)).ToList();

    /// <summary>
    /// What each file is, from MANIFEST's description of the source it came from. A file this does
    /// not know fails the corpus test, so a new source is looked at before it is counted.
    /// </summary>
    public static CorpusExpectation Expect(string relative)
    {
        if (IsSidecar(relative))
        {
            return CorpusExpectation.Fails(FormatProblem.UnknownShape);
        }

        if (relative.Contains("/non_event_files/", StringComparison.Ordinal))
        {
            return CorpusExpectation.Reads(InputShape.Digest);
        }

        if (relative == BrokenZmallenFile)
        {
            // The commas between records are missing: the second record starts at line 112, column 1 (byte 3327).
            return CorpusExpectation.Fails(FormatProblem.Syntax, line: 112, column: 1, byteOffset: 3327);
        }

        if (relative.Contains("/records/", StringComparison.Ordinal) || relative.Contains("/reconstructed/", StringComparison.Ordinal))
        {
            return CorpusExpectation.Reads(InputShape.Records);
        }

        var source = Source(relative);
        return source switch
        {
            "stratus-red-team" => CorpusExpectation.Reads(InputShape.Array),
            "otrf-security-datasets" => CorpusExpectation.Reads(InputShape.JsonLines),
            "plaso" => CorpusExpectation.Reads(InputShape.LookupEvents),
            "otel-collector-contrib" when relative.EndsWith("/cloudtrail_log_cw.json", StringComparison.Ordinal) => CorpusExpectation.Reads(InputShape.CloudWatchLogs),
            "otel-collector-contrib" or "trailscraper" or "zmallen-cloudtrail2sightings" => CorpusExpectation.Reads(InputShape.Records),
            "ocsf-examples" => CorpusExpectation.Reads(InputShape.SingleEvent),
            "cloud-custodian" => CorpusExpectation.Reads(IsEventBridgeEnvelope(relative) ? InputShape.EventBridge : InputShape.SingleEvent),
            "elastic-integrations" => CorpusExpectation.Reads(NonEmptyLines(relative) > 1 ? InputShape.JsonLines : InputShape.SingleEvent),
            _ => throw new InvalidOperationException($"{relative}: a corpus file this test does not know; describe it in Corpus.Expect first."),
        };
    }

    /// <summary>An independent look (System.Text.Json, not our reader) at whether a file is an EventBridge envelope.</summary>
    private static bool IsEventBridgeEnvelope(string relative)
    {
        using var doc = JsonDocument.Parse(Bytes(relative));
        return doc.RootElement.TryGetProperty("detail-type", out _) && doc.RootElement.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.Object;
    }

    private static int NonEmptyLines(string relative) =>
        File.ReadAllLines(Path.Combine(TestPaths.Corpus, relative)).Count(line => !string.IsNullOrWhiteSpace(line));
}
