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
}
