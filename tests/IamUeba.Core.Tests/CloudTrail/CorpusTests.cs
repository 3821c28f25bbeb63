using IamUeba.Core.CloudTrail;
using IamUeba.Core.Tests.Support;

namespace IamUeba.Core.Tests.CloudTrail;

/// <summary>
/// Every file of the shared corpus (real CloudTrail from 13 public projects) goes through the real
/// reader, and the counts and per-principal results agree with MANIFEST.md.
/// </summary>
public sealed class CorpusTests
{
    public static TheoryData<string> Files() => new(Corpus.AllFiles());

    public static TheoryData<string> TwinNames() => new(Twins().Keys);

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Each_corpus_file_is_read_as_its_shape_or_refused_with_the_expected_error(string file)
    {
        var expected = Corpus.Expect(file);
        if (expected.Problem is { } problem)
        {
            var read = () => Reading.RecordCorpusAsync(file);
            var error = (await read.Should().ThrowAsync<CloudTrailFormatException>()).Which;
            error.Problem.Should().Be(problem, error.Message);
            error.Part.Should().Be(file);
            if (expected.Line is not null)
            {
                error.Line.Should().Be(expected.Line, error.Message);
                error.Column.Should().Be(expected.Column, error.Message);
                error.ByteOffset.Should().Be(expected.ByteOffset, error.Message);
            }

            return;
        }

        var recording = await Reading.RecordCorpusAsync(file);
        recording.Part.Shape.Should().Be(expected.Shape);
        recording.Part.Name.Should().Be(file);
        if (expected.Shape == InputShape.Digest)
        {
            recording.Records.Should().Be(0, "a digest file holds integrity hashes, no events");
        }
        else
        {
            recording.Records.Should().BePositive();
            recording.Part.Bytes.Should().Be(Corpus.Bytes(file).Length);
        }
    }

    [Theory]
    [InlineData("panther-analysis", 500)]
    [InlineData("stratus-red-team", 310)]
    [InlineData("otrf-security-datasets", 103)]
    [InlineData("awsdocs-cloudtrail-user-guide", 41)]
    [InlineData("awsdocs-iam-user-guide", 25)]
    [InlineData("cloud-custodian", 25)]
    [InlineData("sekoia-intake-formats", 16)]
    [InlineData("zmallen-cloudtrail2sightings", 15)]
    [InlineData("ocsf-examples", 8)]
    [InlineData("otel-collector-contrib", 8)]
    [InlineData("plaso", 6)]
    [InlineData("elastic-integrations", 5)]
    [InlineData("trailscraper", 5)]
    public async Task Records_files_of_a_source_hold_as_many_records_as_the_manifest_counts(string source, long manifestCount)
    {
        var files = Corpus.CountedFiles(source);
        files.Should().NotBeEmpty();

        long records = 0;
        foreach (var file in files)
        {
            var recording = await Reading.RecordCorpusAsync(file);
            recording.Part.Shape.Should().Be(InputShape.Records);
            records += recording.Records;
        }

        records.Should().Be(manifestCount);
    }

    [Fact]
    public async Task The_corpus_holds_1067_records_from_13_sources_once_each()
    {
        var counted = Corpus.AllFiles().Where(Corpus.IsCounted).ToList();
        counted.Select(Corpus.Source).Distinct().Should().HaveCount(13);

        long records = 0;
        foreach (var file in counted)
        {
            records += (await Reading.RecordCorpusAsync(file)).Records;
        }

        records.Should().Be(1067);
    }

    [Fact]
    public async Task Reconstructed_honey_bucket_rows_are_301_anonymous_or_foreign_account_principals()
    {
        var recording = await Reading.RecordCorpusAsync("otrf-security-datasets/reconstructed/aws_s3_honeybucketlogs.from_csv.json");

        recording.Records.Should().Be(301);
        recording.Part.Skipped.Should().Be(0);
        recording.Events.Should().OnlyContain(e => e.PrincipalType == "AWSAccount");
        recording.Events.Count(e => e.AccountId == "ANONYMOUS_PRINCIPAL").Should().Be(284);
    }

    [Fact]
    public async Task An_upload_of_only_the_digest_file_is_refused_and_a_digest_beside_a_log_file_is_ignored()
    {
        const string digest = "otel-collector-contrib/non_event_files/extension/encoding/awslogsencodingextension/internal/unmarshaler/cloudtraillog/testdata/cloudtrail_digest.json";
        const string log = "trailscraper/raw/tests/smoke/events-for-smoke-test.json";

        var alone = () => Reading.AnalyzeAsync(digest, Corpus.Bytes(digest));
        var error = (await alone.Should().ThrowAsync<CloudTrailFormatException>()).Which;
        error.Problem.Should().Be(FormatProblem.UnknownShape);
        error.Message.Should().Contain("digest");

        var both = await Reading.AnalyzeAsync([(digest, Corpus.Bytes(digest)), (log, Corpus.Bytes(log))]);
        both.Files.Select(f => f.Shape).Should().Equal("digest", "records");
        both.TotalEvents.Should().Be(3);
    }

    [Fact]
    public void Raw_originals_in_other_shapes_all_have_a_records_twin()
    {
        var rawNonRecords = Corpus.AllFiles()
            .Where(f => f.Contains("/raw/", StringComparison.Ordinal) && Corpus.Expect(f).Shape is { } shape && shape != InputShape.Records)
            .ToList();

        rawNonRecords.Should().NotBeEmpty();
        rawNonRecords.Should().BeSubsetOf(Twins().Values.SelectMany(t => t.Raw));
    }

    [Theory]
    [MemberData(nameof(TwinNames))]
    public async Task A_raw_original_gives_the_same_events_and_principals_as_its_records_twin(string twin)
    {
        var (raw, converted) = Twins()[twin];

        var fromRaw = await Reading.RecordAsync(raw.Select(f => (f, Corpus.Bytes(f))));
        var fromRecords = await Reading.RecordAsync(converted.Select(f => (f, Corpus.Bytes(f))));

        fromRaw.Records.Should().Be(fromRecords.Records);
        fromRaw.Parts.Sum(p => p.Skipped).Should().Be(fromRecords.Parts.Sum(p => p.Skipped));
        fromRaw.SkipCounts.Should().BeEquivalentTo(fromRecords.SkipCounts);
        fromRaw.PerPrincipal().Should().Equal(fromRecords.PerPrincipal());
        fromRaw.FactLines().Should().Equal(fromRecords.FactLines());

        var rawReport = await Reading.AnalyzeAsync(raw.Select(f => (f, Corpus.Bytes(f))));
        var recordsReport = await Reading.AnalyzeAsync(converted.Select(f => (f, Corpus.Bytes(f))));
        Reading.Comparable(rawReport).Should().Be(Reading.Comparable(recordsReport));
    }

    [Theory]
    [MemberData(nameof(TwinNames))]
    public async Task A_raw_original_uploaded_with_its_records_twin_counts_each_event_once(string twin)
    {
        var (raw, converted) = Twins()[twin];

        var alone = await Reading.AnalyzeAsync(raw.Select(f => (f, Corpus.Bytes(f))));
        var together = await Reading.AnalyzeAsync(raw.Concat(converted).Select(f => (f, Corpus.Bytes(f))));

        Results(together).Should().Be(Results(alone));
        together.TotalUsers.Should().Be(alone.TotalUsers);

        static string Results(Report.DetectionReport report) =>
            System.Text.Json.JsonSerializer.Serialize(report.Results, Report.ReportJson.Options);
    }

    /// <summary>Each non-Records original in raw/ and the records/ file MANIFEST converted it into.</summary>
    private static Dictionary<string, (string[] Raw, string[] Records)> Twins()
    {
        var all = Corpus.AllFiles();
        var twins = new Dictionary<string, (string[] Raw, string[] Records)>(StringComparer.Ordinal);

        foreach (var raw in all.Where(f => f.StartsWith("stratus-red-team/raw/docs/detonation-logs/", StringComparison.Ordinal)))
        {
            twins["stratus " + Path.GetFileNameWithoutExtension(raw)] = ([raw], ["stratus-red-team/records/" + Path.GetFileName(raw)]);
        }

        foreach (var raw in all.Where(f => f.StartsWith("elastic-integrations/raw/", StringComparison.Ordinal)))
        {
            twins["elastic " + Path.GetFileNameWithoutExtension(raw)] = ([raw], ["elastic-integrations/records/" + Path.GetFileNameWithoutExtension(raw) + ".json"]);
        }

        twins["otrf ndjson"] = (
            ["otrf-security-datasets/raw/ec2_proxy_s3_exfiltration.zip/ec2_proxy_s3_exfiltration_2020-09-14011940.json"],
            ["otrf-security-datasets/records/ec2_proxy_s3_exfiltration.json"]);
        twins["plaso lookup-events jsonl"] = (["plaso/raw/test_data/jsonl/aws_cloudtrail.jsonl"], ["plaso/records/aws_cloudtrail.json"]);
        twins["otel cloudwatch envelope"] = (
            ["otel-collector-contrib/raw/extension/encoding/awslogsencodingextension/internal/unmarshaler/cloudtraillog/testdata/cloudtrail_log_cw.json"],
            ["otel-collector-contrib/records/cloudtrail_log_cw.json"]);
        twins["custodian envelopes and bare events"] = (
            all.Where(f => f.StartsWith("cloud-custodian/raw/", StringComparison.Ordinal)).ToArray(),
            ["cloud-custodian/records/custodian_test_events.json"]);
        twins["ocsf single events"] = (
            all.Where(f => f.StartsWith("ocsf-examples/raw/", StringComparison.Ordinal)).ToArray(),
            ["ocsf-examples/records/cloudtrail_raw_samples.json"]);

        foreach (var (name, (raw, records)) in twins)
        {
            if (raw.Length == 0 || records.Any(r => !all.Contains(r)))
            {
                throw new InvalidOperationException($"twin '{name}' is incomplete in the corpus");
            }
        }

        return twins;
    }
}
