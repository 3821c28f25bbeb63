using System.Text.Json;
using System.Text.RegularExpressions;
using IamUeba.Cli.Generate;

namespace IamUeba.Cli.Tests;

/// <summary>Every output shape reads back through IamUeba.Core's reader with nothing lost.</summary>
public sealed partial class FormatTests
{
    private static readonly GenerateSettings Small = new() { Principals = 40, Events = 5_000, Days = 2, Attackers = 3 };

    [Theory]
    [InlineData("records", false)]
    [InlineData("records", true)]
    [InlineData("jsonl", false)]
    [InlineData("jsonl", true)]
    [InlineData("lookup", false)]
    [InlineData("lookup", true)]
    public void Every_format_reads_back_with_the_exact_event_count(string format, bool gzip)
    {
        using var run = GeneratedRun.Create(Small with { Format = Enum.Parse<OutputFormat>(format, ignoreCase: true), Gzip = gzip });

        var report = run.Analyze();

        run.Result.Stats.Events.Should().Be(Small.Events);
        report.TotalEvents.Should().Be(Small.Events, "total_events counts excluded AWS-service events too");
        report.SkippedEvents.Count.Should().Be(0);
        report.DuplicateEvents.Should().Be(0);
        report.ExcludedEvents.ByReason.Keys.Should().BeEquivalentTo(["aws_service"]);
    }

    [Fact]
    public void Split_hourly_writes_the_S3_delivery_layout_and_reads_back_whole()
    {
        using var run = GeneratedRun.Create(Small with { SplitHourly = true, Gzip = true });
        var account = run.Result.Model.Account;
        var relative = run.Files.Select(f => Path.GetRelativePath(run.Settings.Out!, f).Replace('\\', '/')).ToList();

        var logs = relative.Where(r => r.Contains("/CloudTrail/", StringComparison.Ordinal)).ToList();
        logs.Should().NotBeEmpty().And.OnlyContain(r => LogFile().IsMatch(r) && r.StartsWith($"AWSLogs/{account}/", StringComparison.Ordinal));
        relative.Where(r => r.Contains("/CloudTrail-Digest/", StringComparison.Ordinal)).Should().HaveCount(2).And.OnlyContain(r => DigestFile().IsMatch(r));

        var report = run.Analyze();
        report.TotalEvents.Should().Be(Small.Events, "total_events counts excluded AWS-service events too");
        report.SkippedEvents.Count.Should().Be(0);
        report.Files.Should().HaveCount(relative.Count);
    }

    [Fact]
    public void Lookup_output_is_newest_first_with_the_record_as_a_string()
    {
        using var run = GeneratedRun.Create(Small with { Format = OutputFormat.Lookup });

        using var doc = JsonDocument.Parse(File.ReadAllBytes(run.Files[0]));
        var items = doc.RootElement.GetProperty("Events").EnumerateArray().ToList();
        items.Should().HaveCount((int)Small.Events);
        var times = items.Select(i => i.GetProperty("EventTime").GetString()!).ToList();
        times.Should().BeInDescendingOrder(StringComparer.Ordinal);
        using var record = JsonDocument.Parse(items[0].GetProperty("CloudTrailEvent").GetString()!);
        record.RootElement.GetProperty("eventID").GetString().Should().Be(items[0].GetProperty("EventId").GetString());
        items[0].GetProperty("ReadOnly").ValueKind.Should().Be(JsonValueKind.String);
    }

    [Fact]
    public void Records_average_the_size_of_real_CloudTrail_events()
    {
        using var run = GeneratedRun.Create(Small with { Events = 20_000, Principals = 100 });

        var average = run.Result.Stats.RecordBytes / (double)run.Result.Stats.Events;
        average.Should().BeInRange(1000, 1500);
    }

    [GeneratedRegex(@"^AWSLogs/\d{12}/CloudTrail/[a-z0-9-]+/\d{4}/\d{2}/\d{2}/\d{12}_CloudTrail_[a-z0-9-]+_\d{8}T\d{4}Z_[A-Za-z0-9]{16}\.json\.gz$")]
    private static partial Regex LogFile();

    [GeneratedRegex(@"^AWSLogs/\d{12}/CloudTrail-Digest/us-east-1/\d{4}/\d{2}/\d{2}/\d{12}_CloudTrail-Digest_us-east-1_management-events_us-east-1_\d{8}T\d{6}Z\.json\.gz$")]
    private static partial Regex DigestFile();
}
