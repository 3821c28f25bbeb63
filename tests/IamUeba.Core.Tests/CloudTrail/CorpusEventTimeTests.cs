using System.Globalization;
using IamUeba.Core.CloudTrail;
using IamUeba.Core.Tests.Support;

namespace IamUeba.Core.Tests.CloudTrail;

/// <summary>Hand-checked corpus event times: the forms real exports write, and what is skipped rather than guessed.</summary>
public sealed class CorpusEventTimeTests
{
    private static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    [Fact]
    public async Task Logstash_exports_without_event_time_take_the_time_from_at_timestamp()
    {
        var recording = await Reading.RecordCorpusAsync("otrf-security-datasets/records/ec2_proxy_s3_exfiltration.json");

        recording.Part.Skipped.Should().Be(0);
        recording.Events.Should().HaveCount(103);
        recording.Event("fd4f1042-c7f6-4107-a6ee-d841d92596e7").Time.Should().Be(At("2020-09-14T00:44:23Z"), "@timestamp is \"2020-09-14T00:44:23.000Z\"");
        recording.Event("bf575a0c-c344-4302-a468-00e6a84a127a").Time.Should().Be(At("2020-09-14T01:00:33Z"));
    }

    [Theory]
    [InlineData("AWS.CloudTrail.Account.Discovery.json", "0b51d284-19f7-42cf-a103-276602aeada5", "2022-11-21T18:06:52Z")] // "2022-11-21 18:06:52"
    [InlineData("AWS.Bedrock.DeleteModelInvocationLoggingConfiguration.json", "28773860-a4fd-47c7-a215-6f0e6e6e532f", "2025-01-21T17:49:47Z")] // "... 17:49:47.000000000"
    [InlineData("AWS.CloudTrail.ResourceMadePublic.json", "685e066d-a3aa-4323-a6a1-2f187a2fc986", "2020-11-20T06:19:05Z")] // "... 06:19:05.000"
    [InlineData("Standard.NewAWSAccountCreated.json", "axxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "2021-05-20T15:53:47Z")] // "2021-05-20 15:53:47Z"
    public async Task Panther_times_with_a_space_and_no_zone_are_read_as_utc(string file, string eventId, string utc)
    {
        var recording = await Reading.RecordCorpusAsync("panther-analysis/records/rule_tests/" + file);

        recording.Event(eventId).Time.Should().Be(At(utc));
    }

    [Fact]
    public async Task Lower_cased_keys_are_read_like_their_documented_spelling()
    {
        // Panther's AWS.IPSet.Modified fixtures spell eventtime, eventname and eventid in lower case.
        var recording = await Reading.RecordCorpusAsync("panther-analysis/records/rule_tests/AWS.IPSet.Modified.json");

        recording.Part.Skipped.Should().Be(0);
        recording.Events.Should().HaveCount(3).And.OnlyContain(e => e.EventId == "abc-123" && e.Time == At("2022-07-17T04:50:23Z"));
        recording.Events.Select(e => e.EventName).Should().BeEquivalentTo("CreateIPSet", "CreateIPSet", "ModifyInstanceAttributes");
    }

    [Theory]
    [InlineData("AWS.Root.Activity.json", 3)] // "eventTime": "redacted"
    [InlineData("Sign-in.with.AWS.CLI.prompt.json", 0)] // "eventTime": "..."
    public async Task An_unreadable_event_time_is_skipped_and_counted_with_its_position_never_guessed(string file, long index)
    {
        var recording = await Reading.RecordCorpusAsync("panther-analysis/records/rule_tests/" + file);

        recording.SkipCounts.Should().Contain(SkipReason.UnreadableEventTime, 1);
        recording.Skips.Examples.Should().ContainSingle(s => s.Reason == SkipReason.UnreadableEventTime)
            .Which.Should().BeEquivalentTo(new { Part = "panther-analysis/records/rule_tests/" + file, Index = index });
    }

    [Fact]
    public async Task Lookup_events_output_takes_the_events_own_utc_time_not_the_wrappers_local_time()
    {
        // The wrapper says "EventTime": "2022-02-08 09:23:37+11:00"; the event says "2022-02-07T22:23:37Z": the same instant.
        var recording = await Reading.RecordCorpusAsync("plaso/raw/test_data/jsonl/aws_cloudtrail.jsonl");

        recording.Event("0828c0d2-3589-4390-b954-c78b4a7df44b").Time.Should().Be(At("2022-02-07T22:23:37Z"));
        recording.Events.Should().HaveCount(6);
    }

    [Fact]
    public async Task Across_the_corpus_records_without_a_usable_time_are_skipped_by_reason_and_insights_are_excluded()
    {
        var reasons = new Dictionary<SkipReason, long>();
        long insights = 0;
        foreach (var file in Corpus.AllFiles().Where(Corpus.IsCounted))
        {
            var recording = await Reading.RecordCorpusAsync(file);
            foreach (var (reason, count) in recording.SkipCounts)
            {
                reasons[reason] = reasons.GetValueOrDefault(reason) + count;
            }

            insights += recording.Aggregator.ExcludedByReason.GetValueOrDefault("cloudtrail_insight");
        }

        // Counted by hand from the files: 18 panther fixtures, 2 documentation blocks that lost their
        // header and 1 custodian fixture have no eventTime; panther writes "redacted" and "..." twice.
        reasons.Should().BeEquivalentTo(new Dictionary<SkipReason, long>
        {
            [SkipReason.MissingEventTime] = 22,
            [SkipReason.UnreadableEventTime] = 2,
        });

        // CloudTrail Insights records (5 in the CloudTrail guide, 1 otel, 1 sekoia) carry no top-level
        // eventName: they are not activity of a principal, and are excluded, not skipped as broken.
        insights.Should().Be(7);
    }
}
