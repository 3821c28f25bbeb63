using IamUeba.Core.Rules;
using IamUeba.Core.Tests.Support;
using Record = IamUeba.Core.Tests.Support.Record;

namespace IamUeba.Core.Tests.Rules;

public sealed class R08MultiRegionTests
{
    private static readonly DateTimeOffset Morning = new(2024, 1, 15, 9, 0, 0, TimeSpan.Zero);

    private static Record Describe(string user, string region, DateTimeOffset at) =>
        Record.IamUser(user).Call("DescribeInstances", "ec2.amazonaws.com", readOnly: true).In(region).At(at);

    private static Record Ec2(string user, string region, DateTimeOffset at) =>
        Record.IamUser(user).Call("RunInstances", "ec2.amazonaws.com").In(region).At(at);

    [Fact]
    public async Task Tom_launching_instances_in_two_regions_within_the_hour_fires_multi_region_with_one_call_per_region()
    {
        var oregon = Ec2("tom", "us-west-2", Morning);
        var oregonAgain = Ec2("tom", "us-west-2", Morning.AddMinutes(10));
        var saoPaulo = Ec2("tom", "sa-east-1", Morning.AddMinutes(40));

        var tom = (await Analysis.RunAsync(saoPaulo, oregonAgain, oregon)).Principal("user/tom");

        var hit = tom.Hit(RuleIds.MultiRegion);
        hit.Points.Should().Be(8);
        hit.Observed.Should().Be(2);
        hit.Threshold.Should().Be(2);
        hit.Comparison.Should().Be(">=");
        hit.WindowMinutes.Should().Be(60);
        hit.Evidence.Select(e => e.Region).Should().Equal("us-west-2", "sa-east-1");
        hit.Evidence[1].EventId.Should().Be(saoPaulo.Id());
        hit.Evidence[0].EventId.Should().BeOneOf(oregon.Id(), oregonAgain.Id());
        tom.Stats.SimultaneousRegions.Should().Be(2);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_quiet_principals_lone_call_is_evidence_once_a_call_in_another_region_follows_within_the_hour(bool newestFirst)
    {
        // Tom last worked in Oregon four hours before: his call there is in no window with another
        // until the Ireland call comes 20 minutes later (in time order it is kept only then).
        var before = Describe("tom", "us-west-2", Morning.AddHours(-2));
        var oregon = Describe("tom", "us-west-2", Morning.AddHours(2));
        var ireland = Describe("tom", "eu-west-1", Morning.AddHours(2).AddMinutes(20));
        Record[] records = newestFirst ? [ireland, oregon, before] : [before, oregon, ireland];

        var tom = (await Analysis.RunAsync(records)).Principal("user/tom");

        tom.Hit(RuleIds.MultiRegion).Ids().Should().Equal(oregon.Id(), ireland.Id());
    }

    [Fact]
    public async Task IAM_and_global_STS_calls_recorded_in_us_east_1_are_not_presence_there()
    {
        var records = new[]
        {
            Ec2("tom", "eu-central-1", Morning),
            Record.IamUser("tom").Iam("CreateUser").At(Morning.AddMinutes(5)),
            Record.IamUser("tom").Call("GetCallerIdentity", "sts.amazonaws.com", readOnly: true).In("us-east-1").At(Morning.AddMinutes(6)),
            Record.IamUser("tom").Call("ListBuckets", "s3.amazonaws.com", readOnly: true).In("us-east-1").At(Morning.AddMinutes(7)),
            Record.IamUser("tom").Call("ListDistributions", "cloudfront.amazonaws.com", readOnly: true).In("us-east-1").At(Morning.AddMinutes(8)),
        };

        var tom = (await Analysis.RunAsync(records)).Principal("user/tom");

        tom.Stats.SimultaneousRegions.Should().Be(1);
        tom.Stats.UniqueRegions.Should().Be(1);
        tom.TriggeredRules.Should().NotContain(RuleIds.MultiRegion);
    }

    [Fact]
    public async Task A_regional_service_in_us_east_1_is_presence_there()
    {
        var virginia = Ec2("tom", "us-east-1", Morning);
        var frankfurt = Ec2("tom", "eu-central-1", Morning.AddMinutes(20));

        var tom = (await Analysis.RunAsync(virginia, frankfurt)).Principal("user/tom");

        tom.Hit(RuleIds.MultiRegion).Ids().Should().Equal(virginia.Id(), frankfurt.Id());
    }

    [Fact]
    public async Task Two_regions_three_hours_apart_are_not_simultaneous()
    {
        var oregon = Ec2("tom", "us-west-2", Morning);
        var ireland = Ec2("tom", "eu-west-1", Morning.AddHours(3));

        var tom = (await Analysis.RunAsync(ireland, oregon)).Principal("user/tom");

        tom.Stats.UniqueRegions.Should().Be(2);
        tom.Stats.SimultaneousRegions.Should().Be(1);
        tom.TriggeredRules.Should().NotContain(RuleIds.MultiRegion);
    }

    [Fact]
    public async Task A_four_hour_window_makes_three_hours_apart_simultaneous()
    {
        var records = new[] { Ec2("tom", "us-west-2", Morning), Ec2("tom", "eu-west-1", Morning.AddHours(3)) };
        var options = new DetectionOptions();
        options.Rules.R08.WindowMinutes = 240;

        var tom = (await Analysis.RunAsync(Record.File(records), options)).Principal("user/tom");

        var hit = tom.Hit(RuleIds.MultiRegion);
        hit.WindowMinutes.Should().Be(240);
        hit.Evidence.Select(e => e.Region).Should().Equal("us-west-2", "eu-west-1");
    }

    [Fact]
    public async Task A_threshold_of_three_regions_lets_two_through_and_a_disabled_rule_never_fires()
    {
        var records = new[] { Ec2("tom", "us-west-2", Morning), Ec2("tom", "eu-west-1", Morning.AddMinutes(5)) };
        var three = new DetectionOptions();
        three.Rules.R08.Threshold = 3;
        var disabled = new DetectionOptions();
        disabled.Rules.R08.Enabled = false;

        (await Analysis.RunAsync(Record.File(records), three)).Principal("user/tom").TriggeredRules.Should().NotContain(RuleIds.MultiRegion);
        (await Analysis.RunAsync(Record.File(records), disabled)).Principal("user/tom").TriggeredRules.Should().NotContain(RuleIds.MultiRegion);
    }

    [Fact]
    public async Task Regions_that_become_simultaneous_on_a_later_day_name_events_from_that_window()
    {
        var mondayOregon = Ec2("tom", "us-west-2", Morning);
        var mondayIreland = Ec2("tom", "eu-west-1", Morning.AddHours(5));
        var tuesdayOregon = Ec2("tom", "us-west-2", Morning.AddDays(1));
        var tuesdayIreland = Ec2("tom", "eu-west-1", Morning.AddDays(1).AddMinutes(20));

        var tom = (await Analysis.RunAsync(mondayOregon, mondayIreland, tuesdayOregon, tuesdayIreland)).Principal("user/tom");

        tom.Hit(RuleIds.MultiRegion).Ids().Should().Equal(tuesdayOregon.Id(), tuesdayIreland.Id());
    }
}
