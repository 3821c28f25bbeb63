using IamUeba.Core.Rules;
using IamUeba.Core.Tests.Support;
using Record = IamUeba.Core.Tests.Support.Record;

namespace IamUeba.Core.Tests.Rules;

public sealed class R01OffHoursTests
{
    private static readonly DateTimeOffset Monday = new(2024, 1, 15, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A user's EC2 and S3 reads: some late at night (23:00 UTC on), the rest in the morning (10:00 UTC on).</summary>
    private static (List<Record> All, List<Record> Late) Workday(string user, int total, int late)
    {
        var lateOnes = Enumerable.Range(0, late)
            .Select(i => Record.IamUser(user).Call("DescribeInstances", "ec2.amazonaws.com", readOnly: true).At(Monday.AddHours(23).AddMinutes(7 * i)))
            .ToList();
        var morning = Enumerable.Range(0, total - late)
            .Select(i => Record.IamUser(user).Call("GetBucketLocation", "s3.amazonaws.com", readOnly: true).At(Monday.AddHours(10).AddMinutes(5 * i)));
        return ([.. morning, .. lateOnes], lateOnes);
    }

    [Fact]
    public async Task Dana_working_late_fires_off_hours_with_her_late_calls_as_evidence()
    {
        var (all, late) = Workday("dana", total: 10, late: 4);

        var dana = (await Analysis.RunAsync(all)).Principal("user/dana");

        dana.TriggeredRules.Should().Contain(RuleIds.OffHours);
        var hit = dana.Hit(RuleIds.OffHours);
        hit.Points.Should().Be(10);
        hit.Observed.Should().Be(0.4);
        hit.Threshold.Should().Be(0.3);
        hit.Comparison.Should().Be(">");
        hit.Ids().Should().Equal(late.Select(r => r.Id()));
        hit.Evidence.Select(e => e.EventTime).Should().Equal("2024-01-15T23:00:00Z", "2024-01-15T23:07:00Z", "2024-01-15T23:14:00Z", "2024-01-15T23:21:00Z");
        hit.Evidence.Should().OnlyContain(e => e.EventName == "DescribeInstances");
        dana.ScoreBreakdown.Should().ContainKey(RuleIds.OffHours).WhoseValue.Should().Be(10);
        dana.Stats.OffHours.Should().Be(4);
    }

    [Fact]
    public async Task Three_late_calls_in_ten_is_exactly_thirty_percent_and_does_not_fire()
    {
        var (all, _) = Workday("dana", total: 10, late: 3);

        var dana = (await Analysis.RunAsync(all)).Principal("user/dana");

        dana.Stats.OffHours.Should().Be(3);
        dana.TriggeredRules.Should().NotContain(RuleIds.OffHours);
        dana.DetectionMethod.Should().Be("none");
    }

    [Fact]
    public async Task Business_hours_run_from_six_inclusive_to_twenty_two_exclusive()
    {
        Record Read(string time) => Record.IamUser("erin").Call("ListBuckets", "s3.amazonaws.com", readOnly: true).At(time);
        var beforeSix = Read("2024-01-15T05:59:59Z");
        var atSix = Read("2024-01-15T06:00:00Z");
        var beforeTen = Read("2024-01-15T21:59:59Z");
        var atTen = Read("2024-01-15T22:00:00Z");

        var erin = (await Analysis.RunAsync(atTen, beforeTen, atSix, beforeSix)).Principal("user/erin");

        erin.Stats.OffHours.Should().Be(2);
        erin.Hit(RuleIds.OffHours).Ids().Should().Equal(beforeSix.Id(), atTen.Id());
    }

    [Fact]
    public async Task Late_evening_in_UTC_is_business_hours_in_Seoul()
    {
        // 23:00-00:30 UTC is 08:00-09:30 in Seoul (UTC+9, no daylight saving).
        var calls = Enumerable.Range(0, 10)
            .Select(i => Record.IamUser("minji").Call("DescribeInstances", "ec2.amazonaws.com", readOnly: true).In("ap-northeast-2").At(Monday.AddHours(23).AddMinutes(10 * i)))
            .ToList();

        var inUtc = (await Analysis.RunAsync(calls)).Principal("user/minji");
        var report = await Analysis.RunAsync(Record.File(calls), new DetectionOptions { TimeZone = "Asia/Seoul" });
        var inSeoul = report.Principal("user/minji");

        inUtc.TriggeredRules.Should().Contain(RuleIds.OffHours);
        inUtc.Hit(RuleIds.OffHours).Observed.Should().Be(1);
        inSeoul.TriggeredRules.Should().NotContain(RuleIds.OffHours);
        inSeoul.Stats.OffHours.Should().Be(0);
        report.Settings.TimeZone.Should().Be("Asia/Seoul");
    }

    [Fact]
    public async Task Afternoon_in_UTC_is_night_in_Seoul_when_the_request_asks_for_Seoul()
    {
        // 14:00-15:30 UTC is 23:00-00:30 in Seoul.
        var calls = Enumerable.Range(0, 10)
            .Select(i => Record.IamUser("minji").Call("DescribeInstances", "ec2.amazonaws.com", readOnly: true).In("ap-northeast-2").At(Monday.AddHours(14).AddMinutes(10 * i)))
            .ToList();

        var inUtc = (await Analysis.RunAsync(calls)).Principal("user/minji");
        var inSeoul = (await Analysis.RunAsync(Record.File(calls), request: new AnalysisRequest { TimeZone = "Asia/Seoul" })).Principal("user/minji");

        inUtc.TriggeredRules.Should().NotContain(RuleIds.OffHours);
        var hit = inSeoul.Hit(RuleIds.OffHours);
        hit.Observed.Should().Be(1);
        hit.Evidence.Should().NotBeEmpty().And.OnlyContain(e => e.EventName == "DescribeInstances");
        hit.Evidence[0].EventTime.Should().Be("2024-01-15T14:00:00Z");
    }

    [Fact]
    public async Task A_disabled_off_hours_rule_never_fires()
    {
        var (all, _) = Workday("dana", total: 10, late: 10);
        var options = new DetectionOptions();
        options.Rules.R01.Enabled = false;

        var dana = (await Analysis.RunAsync(Record.File(all), options)).Principal("user/dana");

        dana.Stats.OffHours.Should().Be(10);
        dana.TriggeredRules.Should().NotContain(RuleIds.OffHours);
        dana.RiskScore.Should().Be(0);
    }

    [Fact]
    public async Task A_lower_configured_share_catches_a_third_of_late_calls_and_scores_the_configured_points()
    {
        var (all, _) = Workday("dana", total: 9, late: 3);
        var options = new DetectionOptions();
        options.Rules.R01.Threshold = 0.25;
        options.Rules.R01.Points = 30;

        var byDefault = (await Analysis.RunAsync(all)).Principal("user/dana");
        var tuned = (await Analysis.RunAsync(Record.File(all), options)).Principal("user/dana");

        byDefault.TriggeredRules.Should().Contain(RuleIds.OffHours, "a third is above the default 30%");
        var hit = tuned.Hit(RuleIds.OffHours);
        hit.Threshold.Should().Be(0.25);
        hit.Points.Should().Be(30);
        tuned.RiskScore.Should().Be(30);

        options.Rules.R01.Threshold = 0.5;
        var raised = (await Analysis.RunAsync(Record.File(all), options)).Principal("user/dana");
        raised.TriggeredRules.Should().NotContain(RuleIds.OffHours);
    }
}
