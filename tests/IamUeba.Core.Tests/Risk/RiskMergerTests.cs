using IamUeba.Core.Features;
using IamUeba.Core.Risk;
using IamUeba.Core.Rules;
using IamUeba.Core.Scoring;
using IamUeba.Core.Tests.Support;
using Record = IamUeba.Core.Tests.Support.Record;

namespace IamUeba.Core.Tests.Risk;

public sealed class RiskMergerTests
{
    private static readonly DateTimeOffset Morning = new(2024, 1, 15, 9, 0, 0, TimeSpan.Zero);
    private static readonly RiskMerger Merger = new(new LevelOptions(), new MlOptions());

    private static RuleHit Hit(RuleDescriptor rule, int points) => new(rule, points, 1, 1, 0, rule.Title, []);

    private static MlResult Ml(bool flagged) =>
        new(flagged ? 40 : 3, flagged ? 100 : 50, flagged ? 1.4 : 0.1, flagged, flagged ? [new FeatureContribution("admin_action_count", 30, "higher", 12, 0, "admin_action_count 12 vs median 0")] : []);

    /// <summary>A principal whose longest run of failures in time order is <paramref name="run"/>, among a morning of S3 reads.</summary>
    private static Task<PrincipalFeatures> WithFailureRun(int run)
    {
        var reads = Enumerable.Range(0, 3).Select(i => Record.IamUser("wendy").Call("ListBuckets", "s3.amazonaws.com", readOnly: true).At(Morning.AddMinutes(i)));
        var failures = Enumerable.Range(0, run).Select(i => Record.IamUser("wendy").Iam("ListUsers").Denied().At(Morning.AddMinutes(10 + i)));
        return Analysis.FeaturesOfAsync([.. reads, .. failures]);
    }

    private static IEnumerable<Record> Charlie()
    {
        Record Call(string name, string source, string time, string region = "us-east-1") =>
            Record.IamUserWithAccessKey("charlie").Call(name, source).In(region).From("192.0.2.77").At(time);

        // As in the prototype's sample, file order is not time order: two of the denials come after the AssumeRole.
        yield return Call("ListUsers", "iam.amazonaws.com", "2024-01-16T03:01:07Z").Denied();
        yield return Call("GetAccountAuthorizationDetails", "iam.amazonaws.com", "2024-01-16T03:02:13Z").Denied();
        yield return Call("ListBuckets", "s3.amazonaws.com", "2024-01-16T03:03:22Z", "us-west-2").Denied();
        yield return Call("DescribeInstances", "ec2.amazonaws.com", "2024-01-16T03:04:31Z", "eu-west-1").Denied("Client.UnauthorizedOperation");
        yield return Call("AssumeRole", "sts.amazonaws.com", "2024-01-16T03:10:05Z");
        yield return Call("ListGroups", "iam.amazonaws.com", "2024-01-16T03:05:40Z").Denied();
        yield return Call("ListRoles", "iam.amazonaws.com", "2024-01-16T03:06:52Z").Denied();
        yield return Call("CreateUser", "iam.amazonaws.com", "2024-01-16T03:12:18Z");
        yield return Call("AttachUserPolicy", "iam.amazonaws.com", "2024-01-16T03:13:02Z");
        yield return Call("CreateAccessKey", "iam.amazonaws.com", "2024-01-16T03:14:27Z");
    }

    private static IEnumerable<Record> Alice() =>
        Enumerable.Range(0, 5).Select(i => Record.IamUser("alice", mfa: true).Call("DescribeInstances", "ec2.amazonaws.com", readOnly: true).At(Morning.AddMinutes(20 * i)));

    [Fact]
    public async Task Charlie_is_critical_after_six_access_denied_in_a_row()
    {
        var report = await Analysis.RunAsync([.. Charlie(), .. Alice()]);
        var charlie = report.Principal("user/charlie");

        charlie.RiskScore.Should().Be(94);
        charlie.RiskLevel.Should().Be("CRITICAL");
        charlie.DetectionMethod.Should().Be("rule");
        charlie.IsAnomaly.Should().BeTrue();
        charlie.TriggeredRules.Should().Equal(
            RuleIds.OffHours, RuleIds.HighRiskRatio, RuleIds.NoMfa, RuleIds.HighFailRate, RuleIds.ConsecutiveFailures, RuleIds.MultiRegion);
        charlie.ScoreBreakdown.Should().BeEquivalentTo(new Dictionary<string, int>
        {
            [RuleIds.OffHours] = 10,
            [RuleIds.HighRiskRatio] = 15,
            [RuleIds.NoMfa] = 20,
            [RuleIds.HighFailRate] = 15,
            [RuleIds.ConsecutiveFailures] = 20,
            [RuleIds.MultiRegion] = 8,
            [RiskMerger.PenaltyKey] = 6,
        });
        charlie.Recommendations[0].Should().Contain("possible compromise");
    }

    [Fact]
    public async Task Alice_reading_in_business_hours_with_mfa_is_low_and_not_an_anomaly_and_ranks_below_charlie()
    {
        var report = await Analysis.RunAsync([.. Alice(), .. Charlie()]);
        var alice = report.Principal("user/alice");

        alice.RiskScore.Should().Be(0);
        alice.RiskLevel.Should().Be("LOW");
        alice.DetectionMethod.Should().Be("none");
        alice.IsAnomaly.Should().BeFalse();
        alice.ScoreBreakdown.Should().BeEmpty();
        report.Results.Select(r => r.UserArn).Should().Equal($"arn:aws:iam::{Record.Account}:user/charlie", $"arn:aws:iam::{Record.Account}:user/alice");
        report.AnomalyCount.Should().Be(1);
        report.Ml.Ran.Should().BeFalse("two principals are far below the ML layer's minimum population");
    }

    [Fact]
    public async Task Score_is_rule_points_plus_ml_points_plus_one_per_failure_in_the_longest_run()
    {
        var features = await WithFailureRun(4);

        var risk = Merger.Merge(features, [Hit(R03NoMfa.Info, 20), Hit(R07AdminAbuse.Info, 18)], Ml(flagged: true));

        risk.Score.Should().Be(20 + 18 + 15 + 4);
        risk.Level.Should().Be(RiskLevel.MEDIUM);
        risk.DetectionMethod.Should().Be("both");
        risk.IsAnomaly.Should().BeTrue();
        risk.Breakdown.Should().BeEquivalentTo(new Dictionary<string, int>
        {
            [RuleIds.NoMfa] = 20,
            [RuleIds.AdminAbuse] = 18,
            [RiskMerger.MlKey] = 15,
            [RiskMerger.PenaltyKey] = 4,
        });
    }

    [Fact]
    public async Task The_failure_penalty_stops_at_ten_points()
    {
        var features = await WithFailureRun(14);

        var risk = Merger.Merge(features, [], null);

        features.ConsecutiveFailures.Should().Be(14);
        risk.Breakdown.Should().Equal(new Dictionary<string, int> { [RiskMerger.PenaltyKey] = 10 });
        risk.Score.Should().Be(10);
    }

    [Fact]
    public async Task A_penalty_alone_raises_the_score_but_is_not_an_anomaly()
    {
        var features = await WithFailureRun(3);

        var risk = Merger.Merge(features, [], Ml(flagged: false));

        risk.Score.Should().Be(3);
        risk.Level.Should().Be(RiskLevel.LOW);
        risk.DetectionMethod.Should().Be("none");
        risk.IsAnomaly.Should().BeFalse();
    }

    [Fact]
    public async Task Every_rule_and_the_ml_flag_together_cap_at_one_hundred()
    {
        var features = await WithFailureRun(8);
        var options = new RuleOptions();
        var hits = RuleEngine.All.Select(r => Hit(r.Descriptor, options.For(r.Descriptor.SettingsKey).Points)).ToList();

        var risk = Merger.Merge(features, hits, Ml(flagged: true));

        risk.Breakdown.Values.Sum().Should().Be(126 + (9 * 60) + 40 + 15 + 8, "the prototype's nine rules give 126 points, nine signatures 60 each and root activity 40");
        risk.Score.Should().Be(100);
        risk.Level.Should().Be(RiskLevel.CRITICAL);
    }

    [Fact]
    public async Task Detection_method_says_which_layer_saw_it()
    {
        var quiet = await WithFailureRun(0);
        var rule = Hit(R04MultiIp.Info, 10);

        Merger.Merge(quiet, [rule], null).DetectionMethod.Should().Be("rule");
        Merger.Merge(quiet, [rule], Ml(flagged: false)).DetectionMethod.Should().Be("rule");
        Merger.Merge(quiet, [rule], Ml(flagged: true)).DetectionMethod.Should().Be("both");
        Merger.Merge(quiet, [], null).DetectionMethod.Should().Be("none");
        Merger.Merge(quiet, [], Ml(flagged: false)).DetectionMethod.Should().Be("none");

        var mlOnly = Merger.Merge(quiet, [], Ml(flagged: true));
        mlOnly.DetectionMethod.Should().Be("ml");
        mlOnly.IsAnomaly.Should().BeTrue();
        mlOnly.Score.Should().Be(15);
        mlOnly.Breakdown.Should().Equal(new Dictionary<string, int> { [RiskMerger.MlKey] = 15 });
        mlOnly.Recommendations.Should().ContainSingle().Which.Should().Contain("admin_action_count 12 vs median 0");
    }

    [Theory]
    [InlineData(100, RiskLevel.CRITICAL)]
    [InlineData(80, RiskLevel.CRITICAL)]
    [InlineData(79, RiskLevel.HIGH)]
    [InlineData(60, RiskLevel.HIGH)]
    [InlineData(59, RiskLevel.MEDIUM)]
    [InlineData(40, RiskLevel.MEDIUM)]
    [InlineData(39, RiskLevel.LOW)]
    [InlineData(0, RiskLevel.LOW)]
    public async Task Levels_start_at_80_60_and_40(int points, RiskLevel level)
    {
        var quiet = await WithFailureRun(0);

        var risk = Merger.Merge(quiet, points > 0 ? [Hit(R07AdminAbuse.Info, points)] : [], null);

        risk.Score.Should().Be(points);
        risk.Level.Should().Be(level);
        Merger.LevelOf(points).Should().Be(level);
    }

    [Fact]
    public async Task Configured_levels_ml_points_and_penalty_cap_change_the_verdict()
    {
        var features = await WithFailureRun(6);
        var merger = new RiskMerger(new LevelOptions { Critical = 90, High = 70, Medium = 50, MaxConsecutiveFailurePenalty = 2 }, new MlOptions { FlagPoints = 25 });

        var risk = merger.Merge(features, [Hit(R06ConsecutiveFailures.Info, 20), Hit(R03NoMfa.Info, 20), Hit(R07AdminAbuse.Info, 18)], Ml(flagged: true));

        risk.Breakdown[RiskMerger.MlKey].Should().Be(25);
        risk.Breakdown[RiskMerger.PenaltyKey].Should().Be(2);
        risk.Score.Should().Be(85);
        risk.Level.Should().Be(RiskLevel.HIGH, "85 is below the configured critical level of 90");
    }

    [Fact]
    public async Task Every_principal_of_a_real_population_adds_up()
    {
        // 38 principals: enough for the ML layer to run. At the default threshold it ranks the two
        // planted outliers first without flagging them; a lower one makes ML points and methods appear beside rule points.
        var options = new DetectionOptions { Ml = { ChiSquareQuantile = 0.95 } };
        var report = await Analysis.RunAsync(await File.ReadAllTextAsync(TestPaths.Sample("population_cloudtrail.json")), options);

        report.Ml.Ran.Should().BeTrue();
        report.Results.Should().Contain(r => r.Ml != null && r.Ml.Flagged, "the population has a planted outlier");
        report.Results.Select(r => r.RiskScore).Should().BeInDescendingOrder();
        report.Results.Should().AllSatisfy(r =>
        {
            var flagged = r.Ml?.Flagged == true;
            r.RiskScore.Should().Be(Math.Min(100, r.ScoreBreakdown.Values.Sum()));
            r.ScoreBreakdown.ContainsKey(RiskMerger.MlKey).Should().Be(flagged);
            r.ScoreBreakdown.Keys.Except([RiskMerger.MlKey, RiskMerger.PenaltyKey]).Should().BeEquivalentTo(r.TriggeredRules);
            r.DetectionMethod.Should().Be((r.TriggeredRules.Count > 0, flagged) switch
            {
                (true, true) => "both",
                (true, false) => "rule",
                (false, true) => "ml",
                _ => "none",
            });
            r.IsAnomaly.Should().Be(r.TriggeredRules.Count > 0 || flagged);
            r.RiskLevel.Should().Be(Merger.LevelOf(r.RiskScore).ToString());
        });
        report.AnomalyCount.Should().Be(report.Results.Count(r => r.IsAnomaly));
    }

    [Fact]
    public async Task Principals_with_equal_scores_are_ranked_by_principal()
    {
        string[] names = ["zed", "amy", "kim"];
        var records = names.Select(name => Record.IamUser(name).Call("ListBuckets", "s3.amazonaws.com", readOnly: true).At(Morning));

        var report = await Analysis.RunAsync(records);

        report.Results.Select(r => r.UserArn[(r.UserArn.LastIndexOf('/') + 1)..]).Should().Equal("amy", "kim", "zed");
    }
}
