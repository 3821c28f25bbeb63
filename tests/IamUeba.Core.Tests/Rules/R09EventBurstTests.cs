using System.Text.Json.Nodes;
using IamUeba.Core.Rules;
using IamUeba.Core.Tests.Support;
using Record = IamUeba.Core.Tests.Support.Record;

namespace IamUeba.Core.Tests.Rules;

public sealed class R09EventBurstTests
{
    private static readonly DateTimeOffset Morning = new(2024, 1, 15, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Objects downloaded one after another, spread evenly from <paramref name="first"/> over <paramref name="span"/>.</summary>
    private static List<Record> Downloads(string user, int count, DateTimeOffset first, TimeSpan span) =>
        Enumerable.Range(0, count)
            .Select(i => Record.IamUser(user)
                .Call("GetObject", "s3.amazonaws.com", readOnly: true)
                .WithRequest(new JsonObject { ["bucketName"] = "finance-exports", ["key"] = $"2023/ledger-{i:D4}.csv" })
                .At(first + (span * i / Math.Max(1, count - 1))))
            .ToList();

    [Fact]
    public async Task Vera_downloading_101_objects_in_nine_minutes_across_ten_oclock_fires_event_burst()
    {
        // 09:55:30 to 10:04:30: no clock-aligned ten minutes holds them all, a sliding window does.
        var burst = Downloads("vera", 101, Morning.AddMinutes(55).AddSeconds(30), TimeSpan.FromMinutes(9));

        var vera = (await Analysis.RunAsync(burst)).Principal("user/vera");

        var hit = vera.Hit(RuleIds.EventBurst);
        hit.Points.Should().Be(10);
        hit.Observed.Should().Be(101);
        hit.Threshold.Should().Be(100);
        hit.Comparison.Should().Be(">");
        hit.WindowMinutes.Should().Be(10);
        hit.Evidence.Should().NotBeEmpty();
        hit.Ids().Should().BeSubsetOf(burst.Select(r => (string?)r.Id()));
        hit.Evidence[0].EventId.Should().Be(burst[0].Id());
        hit.Evidence[0].EventTime.Should().Be("2024-01-15T09:55:30Z");
        hit.Evidence.Should().OnlyContain(e => e.EventName == "GetObject");
        vera.Stats.BurstEvents.Should().Be(101);
    }

    [Fact]
    public async Task The_same_101_downloads_spread_over_two_hours_are_not_a_burst()
    {
        var spread = Downloads("vera", 101, Morning, TimeSpan.FromHours(2));

        var vera = (await Analysis.RunAsync(spread)).Principal("user/vera");

        vera.Stats.BurstEvents.Should().BeLessThan(101);
        vera.TriggeredRules.Should().NotContain(RuleIds.EventBurst);
    }

    [Fact]
    public async Task Exactly_one_hundred_events_in_ten_minutes_do_not_fire()
    {
        var hundred = Downloads("vera", 100, Morning, TimeSpan.FromMinutes(9));

        var vera = (await Analysis.RunAsync(hundred)).Principal("user/vera");

        vera.Stats.BurstEvents.Should().Be(100);
        vera.TriggeredRules.Should().NotContain(RuleIds.EventBurst);
    }

    [Fact]
    public async Task An_event_delivered_twice_is_counted_once()
    {
        // CloudTrail can deliver a log file twice: sixty downloads seen twice are still sixty.
        var sixty = Downloads("vera", 60, Morning, TimeSpan.FromMinutes(5));

        var report = await Analysis.RunAsync([.. sixty, .. sixty]);

        report.Principal("user/vera").Stats.BurstEvents.Should().Be(60);
        report.Principal("user/vera").TriggeredRules.Should().NotContain(RuleIds.EventBurst);
        report.DuplicateEvents.Should().Be(60);
    }

    [Fact]
    public async Task A_three_hour_window_makes_two_hours_of_downloads_a_burst()
    {
        var spread = Downloads("vera", 101, Morning, TimeSpan.FromHours(2));
        var options = new DetectionOptions();
        options.Rules.R09.WindowMinutes = 180;

        var vera = (await Analysis.RunAsync(Record.File(spread), options)).Principal("user/vera");

        var hit = vera.Hit(RuleIds.EventBurst);
        hit.Observed.Should().Be(101);
        hit.WindowMinutes.Should().Be(180);
    }

    [Fact]
    public async Task A_lower_threshold_catches_a_smaller_burst_and_a_disabled_rule_never_fires()
    {
        var sixty = Downloads("vera", 60, Morning, TimeSpan.FromMinutes(5));
        var fifty = new DetectionOptions();
        fifty.Rules.R09.Threshold = 50;
        var disabled = new DetectionOptions();
        disabled.Rules.R09.Enabled = false;
        disabled.Rules.R09.Threshold = 50;

        (await Analysis.RunAsync(sixty)).Principal("user/vera").TriggeredRules.Should().NotContain(RuleIds.EventBurst);
        (await Analysis.RunAsync(Record.File(sixty), fifty)).Principal("user/vera").Hit(RuleIds.EventBurst).Observed.Should().Be(60);
        (await Analysis.RunAsync(Record.File(sixty), disabled)).Principal("user/vera").TriggeredRules.Should().NotContain(RuleIds.EventBurst);
    }

    [Fact]
    public async Task A_burst_later_in_the_day_names_events_from_the_burst()
    {
        var earlier = Record.IamUser("vera").Call("ListBuckets", "s3.amazonaws.com", readOnly: true).At(Morning);
        var burst = Downloads("vera", 101, Morning.AddHours(4), TimeSpan.FromMinutes(8));

        var vera = (await Analysis.RunAsync([earlier, .. burst])).Principal("user/vera");

        var hit = vera.Hit(RuleIds.EventBurst);
        hit.Evidence.Should().NotBeEmpty();
        hit.Ids().Should().BeSubsetOf(burst.Select(r => (string?)r.Id()));
    }

    [Fact]
    public async Task Calls_hours_apart_by_a_quiet_principal_leave_the_evidence_budget_to_a_later_burst()
    {
        // 300 listings two hours apart: none is in a window with another, so none is kept as window
        // evidence (only ops's first sighting and first off-hours calls are), and the analysis's
        // 100 evidence events are still there when vera's burst comes.
        var options = new DetectionOptions();
        options.Limits.MaxEvidenceEvents = 100;
        var quiet = Enumerable.Range(0, 300)
            .Select(i => Record.IamUser("ops").Call("ListBuckets", "s3.amazonaws.com", readOnly: true).At(Morning.AddDays(-30).AddHours(2 * i)));
        var burst = Downloads("vera", 101, Morning, TimeSpan.FromMinutes(8));

        var report = await Analysis.RunAsync([.. quiet, .. burst], options);

        var hit = report.Principal("user/vera").Hit(RuleIds.EventBurst);
        hit.Evidence.Should().NotBeEmpty();
        hit.Ids().Should().BeSubsetOf(burst.Select(r => (string?)r.Id()));
    }

    [Fact]
    public async Task Windows_of_zero_minutes_hold_one_event_each_instead_of_failing_the_analysis()
    {
        var options = new DetectionOptions();
        options.Rules.R09.WindowMinutes = 0;
        options.Rules.R08.WindowMinutes = 0;
        var burst = Downloads("vera", 3, Morning, TimeSpan.FromSeconds(2));

        var vera = (await Analysis.RunAsync(Record.File(burst), options)).Principal("user/vera");

        vera.Stats.BurstEvents.Should().Be(1);
        vera.Stats.SimultaneousRegions.Should().Be(1);
    }
}
