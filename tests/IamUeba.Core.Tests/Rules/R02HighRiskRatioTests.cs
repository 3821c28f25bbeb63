using IamUeba.Core.Rules;
using IamUeba.Core.Tests.Support;
using Record = IamUeba.Core.Tests.Support.Record;

namespace IamUeba.Core.Tests.Rules;

public sealed class R02HighRiskRatioTests
{
    private static readonly DateTimeOffset Morning = new(2024, 1, 15, 9, 0, 0, TimeSpan.Zero);
    private static readonly string[] IamReads = ["GetUser", "ListUsers", "ListRoles", "GetAccountAuthorizationDetails"];

    private static List<Record> Reads(string user, int count, int startMinute = 0) =>
        Enumerable.Range(0, count)
            .Select(i => Record.IamUser(user).Call("DescribeInstances", "ec2.amazonaws.com", readOnly: true).At(Morning.AddMinutes(startMinute + (3 * i))))
            .ToList();

    [Fact]
    public async Task Frank_creating_a_user_granting_it_a_policy_and_stopping_the_trail_fires_high_risk_ratio()
    {
        var createUser = Record.IamUser("frank").Iam("CreateUser").At(Morning.AddMinutes(40));
        var attach = Record.IamUser("frank").Iam("AttachUserPolicy").At(Morning.AddMinutes(41));
        var stopLogging = Record.IamUser("frank").Call("StopLogging", "cloudtrail.amazonaws.com").At(Morning.AddMinutes(45));
        var records = Reads("frank", 7).Concat([stopLogging, attach, createUser]);

        var frank = (await Analysis.RunAsync(records)).Principal("user/frank");

        var hit = frank.Hit(RuleIds.HighRiskRatio);
        hit.Points.Should().Be(15);
        hit.Observed.Should().Be(0.3);
        hit.Threshold.Should().Be(0.2);
        hit.Comparison.Should().Be(">");
        hit.Ids().Should().Equal(createUser.Id(), attach.Id(), stopLogging.Id());
        hit.Evidence.Select(e => e.EventName).Should().Equal("CreateUser", "AttachUserPolicy", "StopLogging");
        hit.Evidence[0].EventTime.Should().Be("2024-01-15T09:40:00Z");
        frank.Stats.HighRisk.Should().Be(3);
    }

    [Fact]
    public async Task Two_high_risk_calls_in_ten_is_exactly_twenty_percent_and_does_not_fire()
    {
        var records = Reads("frank", 8).Concat([
            Record.IamUser("frank").Iam("CreateUser").At(Morning.AddMinutes(40)),
            Record.IamUser("frank").Iam("AttachUserPolicy").At(Morning.AddMinutes(41)),
        ]);

        var frank = (await Analysis.RunAsync(records)).Principal("user/frank");

        frank.Stats.HighRisk.Should().Be(2);
        frank.TriggeredRules.Should().NotContain(RuleIds.HighRiskRatio);
    }

    [Fact]
    public async Task Reading_IAM_is_not_high_risk()
    {
        var records = IamReads.Select((name, i) => Record.IamUser("grace").Iam(name).At(Morning.AddMinutes(i)));

        var grace = (await Analysis.RunAsync(records)).Principal("user/grace");

        grace.Stats.HighRisk.Should().Be(0);
        grace.TriggeredRules.Should().BeEmpty();
    }

    [Theory]
    [InlineData("DeleteTrail", "cloudtrail.amazonaws.com")]
    [InlineData("DeleteDetector", "guardduty.amazonaws.com")]
    [InlineData("PutBucketPolicy", "s3.amazonaws.com")]
    [InlineData("ScheduleKeyDeletion", "kms.amazonaws.com")]
    [InlineData("ModifySnapshotAttribute", "ec2.amazonaws.com")]
    [InlineData("UpdateAssumeRolePolicy", "iam.amazonaws.com")]
    public async Task Defence_evasion_and_exposure_count_as_high_risk_beyond_the_prototypes_list(string eventName, string eventSource)
    {
        var risky = Record.IamUser("frank").Call(eventName, eventSource).At(Morning.AddMinutes(30));
        var records = Reads("frank", 3).Append(risky);

        var frank = (await Analysis.RunAsync(records)).Principal("user/frank");

        var hit = frank.Hit(RuleIds.HighRiskRatio);
        hit.Observed.Should().Be(0.25);
        hit.Evidence.Should().ContainSingle().Which.EventName.Should().Be(eventName);
    }

    [Fact]
    public async Task An_action_added_to_the_catalogue_by_configuration_counts_as_high_risk()
    {
        var records = Enumerable.Range(0, 4)
            .Select(i => Record.IamUser("heidi").Call("GetSecretValue", "secretsmanager.amazonaws.com", readOnly: true).At(Morning.AddMinutes(i)))
            .ToList();
        var options = new DetectionOptions { ExtraHighRiskActions = ["GetSecretValue"] };

        var byDefault = (await Analysis.RunAsync(records)).Principal("user/heidi");
        var configured = (await Analysis.RunAsync(Record.File(records), options)).Principal("user/heidi");

        byDefault.TriggeredRules.Should().NotContain(RuleIds.HighRiskRatio);
        configured.Hit(RuleIds.HighRiskRatio).Observed.Should().Be(1);
    }

    [Fact]
    public async Task A_raised_threshold_or_a_disabled_rule_lets_thirty_percent_through()
    {
        var records = Reads("frank", 7).Concat([
            Record.IamUser("frank").Iam("CreateUser").At(Morning.AddMinutes(40)),
            Record.IamUser("frank").Iam("AttachUserPolicy").At(Morning.AddMinutes(41)),
            Record.IamUser("frank").Iam("CreateAccessKey").At(Morning.AddMinutes(42)),
        ]).ToList();
        var raised = new DetectionOptions();
        raised.Rules.R02.Threshold = 0.5;
        var disabled = new DetectionOptions();
        disabled.Rules.R02.Enabled = false;

        (await Analysis.RunAsync(records)).Principal("user/frank").TriggeredRules.Should().Contain(RuleIds.HighRiskRatio);
        (await Analysis.RunAsync(Record.File(records), raised)).Principal("user/frank").TriggeredRules.Should().NotContain(RuleIds.HighRiskRatio);
        (await Analysis.RunAsync(Record.File(records), disabled)).Principal("user/frank").TriggeredRules.Should().NotContain(RuleIds.HighRiskRatio);
    }
}
