using System.Text;
using System.Text.Json.Nodes;
using IamUeba.Core.Tests.Support;
using Record = IamUeba.Core.Tests.Support.Record;

namespace IamUeba.Core.Tests.Features;

public sealed class DuplicateEventTests
{
    [Fact]
    public async Task An_event_redelivered_with_different_string_escaping_counts_once()
    {
        // Stratus's detonation logs write "&" as \u0026 (Go's encoder); their Python-converted twins write "&".
        var record = Record.IamUserWithAccessKey("alice")
            .Call("SendCommand", "ssm.amazonaws.com")
            .WithRequest(new JsonObject { ["commands"] = "echo a && echo b", ["comment"] = "<none>" });
        var escaped = Record.File(record);
        var plain = escaped.Replace("\\u0026", "&", StringComparison.Ordinal).Replace("\\u003C", "<", StringComparison.Ordinal).Replace("\\u003E", ">", StringComparison.Ordinal);
        plain.Should().Contain("echo a && echo b").And.Contain("<none>");
        escaped.Should().Contain("\\u0026");

        var report = await Reading.AnalyzeAsync([("s3.json", Encoding.UTF8.GetBytes(escaped)), ("export.json", Encoding.UTF8.GetBytes(plain))]);

        report.TotalEvents.Should().Be(1);
        report.DuplicateEvents.Should().Be(1);
        report.Principal("user/alice").Stats.TotalEvents.Should().Be(1);
    }

    [Fact]
    public async Task Events_that_share_an_event_id_but_differ_in_their_request_both_count()
    {
        var first = Record.IamUserWithAccessKey("alice").Call("PutObject", "s3.amazonaws.com").WithId("EXAMPLE-id")
            .WithRequest(new JsonObject { ["key"] = "a.txt" });
        var second = Record.IamUserWithAccessKey("alice").Call("PutObject", "s3.amazonaws.com").WithId("EXAMPLE-id")
            .WithRequest(new JsonObject { ["key"] = "b.txt" });

        var report = await Reading.AnalyzeAsync("fixtures.json", Encoding.UTF8.GetBytes(Record.File(first, second)));

        report.TotalEvents.Should().Be(2);
        report.DuplicateEvents.Should().Be(0);
    }

    [Fact]
    public async Task A_file_uploaded_twice_counts_once_for_busy_principals_and_after_the_evidence_budget_is_spent()
    {
        // 400 events a principal grow each one's fingerprint buckets through several splits; a budget of
        // 5 evidence events is spent early, after which time slices are no longer tracked.
        var start = new DateTimeOffset(2024, 3, 4, 8, 0, 0, TimeSpan.Zero);
        var records = Enumerable.Range(0, 800)
            .Select(i => Record.IamUser(i % 2 == 0 ? "ana" : "ben")
                .Call(i % 7 == 0 ? "ListUsers" : "DescribeInstances", i % 7 == 0 ? "iam.amazonaws.com" : "ec2.amazonaws.com", readOnly: true)
                .In(i % 3 == 0 ? "eu-west-1" : "us-east-2")
                .At(start.AddSeconds(i * 37)))
            .ToArray();
        var file = Encoding.UTF8.GetBytes(Record.File(records));
        var options = new DetectionOptions { Limits = new LimitOptions { MaxEvidenceEvents = 5 } };

        var once = await Reading.AnalyzeAsync([("a.json", file)], options);
        var twice = await Reading.AnalyzeAsync([("a.json", file), ("again.json", file)], options);

        twice.TotalEvents.Should().Be(800);
        twice.DuplicateEvents.Should().Be(800);
        twice.Files[1].Duplicates.Should().Be(800);
        twice.Principal("user/ana").Stats.TotalEvents.Should().Be(400);
        twice.Principal("user/ben").Stats.Should().BeEquivalentTo(once.Principal("user/ben").Stats);
        twice.Results.Select(r => r.RiskScore).Should().Equal(once.Results.Select(r => r.RiskScore));
    }

    [Fact]
    public async Task An_event_redelivered_with_an_empty_field_where_the_first_copy_had_none_counts_once()
    {
        // Some exports drop empty fields, others keep them as "": the same event either way.
        Record Copy() => Record.IamUserWithAccessKey("alice").Call("ListBuckets", "s3.amazonaws.com", readOnly: true)
            .WithId("5c3b4b8e-6c7a-4f0e-9d55-2f1d3c9a7e01").At("2024-03-04T10:00:00Z");
        var dropped = Copy().Set("errorCode", null).Set("userAgent", null);
        var kept = Copy().Set("errorCode", "").Set("userAgent", "");

        var report = await Reading.AnalyzeAsync([("a.json", Encoding.UTF8.GetBytes(Record.File(dropped))), ("b.json", Encoding.UTF8.GetBytes(Record.File(kept)))]);

        report.TotalEvents.Should().Be(1);
        report.DuplicateEvents.Should().Be(1);
    }

    [Fact]
    public async Task The_same_event_content_under_two_principals_counts_for_each()
    {
        // Fixtures copy an event and change only who made it: two events, not a redelivery. The
        // analysis holds every principal's fingerprints in one set, so this is what tells them apart.
        Record As(string user) => Record.IamUserWithAccessKey(user).Call("ListBuckets", "s3.amazonaws.com", readOnly: true)
            .WithId("EXAMPLE8-9012-3456-7890-123456789012").At("2024-03-04T10:00:00Z");

        var report = await Reading.AnalyzeAsync("fixtures.json", Encoding.UTF8.GetBytes(Record.File(As("alice"), As("bob"), As("alice"))));

        report.TotalEvents.Should().Be(2);
        report.DuplicateEvents.Should().Be(1);
        report.Principal("user/alice").Stats.TotalEvents.Should().Be(1);
        report.Principal("user/bob").Stats.TotalEvents.Should().Be(1);
    }
}
