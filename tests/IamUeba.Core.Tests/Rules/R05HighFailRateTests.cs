using IamUeba.Core.Rules;
using IamUeba.Core.Tests.Support;
using Record = IamUeba.Core.Tests.Support.Record;

namespace IamUeba.Core.Tests.Rules;

public sealed class R05HighFailRateTests
{
    private static readonly DateTimeOffset Morning = new(2024, 1, 15, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Permission scanning: each probe denied, each followed by a call that works (so no long run of failures).</summary>
    private static (List<Record> All, List<Record> Failed) Probing(string user, int total, int failed)
    {
        var all = new List<Record>();
        var denied = new List<Record>();
        (string Name, string Source)[] probes =
        [
            ("ListSecrets", "secretsmanager.amazonaws.com"), ("DescribeDBInstances", "rds.amazonaws.com"), ("ListFunctions", "lambda.amazonaws.com"),
            ("DescribeKeyPairs", "ec2.amazonaws.com"), ("GetParametersByPath", "ssm.amazonaws.com"), ("ListClusters", "eks.amazonaws.com"),
        ];
        for (var i = 0; i < total; i++)
        {
            var at = Morning.AddMinutes(2 * i);
            if (i % 2 == 0 && denied.Count < failed)
            {
                var (name, source) = probes[denied.Count % probes.Length];
                var probe = Record.IamUser(user).Call(name, source, readOnly: true).Denied().At(at);
                denied.Add(probe);
                all.Add(probe);
            }
            else
            {
                all.Add(Record.IamUser(user).Call("ListBuckets", "s3.amazonaws.com", readOnly: true).At(at));
            }
        }

        return (all, denied);
    }

    [Fact]
    public async Task Nina_denied_on_half_of_her_calls_fires_high_fail_rate_with_the_denied_calls_as_evidence()
    {
        var (all, failed) = Probing("nina", total: 10, failed: 5);

        var nina = (await Analysis.RunAsync(all)).Principal("user/nina");

        var hit = nina.Hit(RuleIds.HighFailRate);
        hit.Points.Should().Be(15);
        hit.Observed.Should().Be(0.5);
        hit.Threshold.Should().Be(0.4);
        hit.Comparison.Should().Be(">");
        hit.Ids().Should().Equal(failed.Select(r => r.Id()));
        hit.Evidence.Should().OnlyContain(e => e.ErrorCode == "AccessDenied");
        hit.Evidence.Select(e => e.EventName).Should().Equal("ListSecrets", "DescribeDBInstances", "ListFunctions", "DescribeKeyPairs", "GetParametersByPath");
        nina.Stats.Failed.Should().Be(5);
        nina.TriggeredRules.Should().NotContain(RuleIds.ConsecutiveFailures, "no two failures are adjacent");
    }

    [Fact]
    public async Task Four_failures_in_ten_is_exactly_forty_percent_and_does_not_fire()
    {
        var (all, _) = Probing("nina", total: 10, failed: 4);

        var nina = (await Analysis.RunAsync(all)).Principal("user/nina");

        nina.Stats.Failed.Should().Be(4);
        nina.TriggeredRules.Should().NotContain(RuleIds.HighFailRate);
    }

    [Fact]
    public async Task Failed_console_sign_ins_count_as_failures_though_they_carry_no_error_code()
    {
        var failedSignIns = Enumerable.Range(0, 3).Select(i => Record.IamUser("olga").ConsoleLogin(success: false, mfaUsed: "No").At(Morning.AddMinutes(i))).ToList();
        var success = Record.IamUser("olga").ConsoleLogin(success: true, mfaUsed: "Yes").At(Morning.AddMinutes(5));

        var olga = (await Analysis.RunAsync([.. failedSignIns, success])).Principal("user/olga");

        var hit = olga.Hit(RuleIds.HighFailRate);
        hit.Observed.Should().Be(0.75);
        hit.Ids().Should().Equal(failedSignIns.Select(r => r.Id()));
        hit.Evidence.Should().OnlyContain(e => e.EventName == "ConsoleLogin" && e.ErrorCode == null);
    }

    [Fact]
    public async Task A_higher_configured_rate_lets_half_failing_through_and_a_disabled_rule_never_fires()
    {
        var (all, _) = Probing("nina", total: 10, failed: 5);
        var sixty = new DetectionOptions();
        sixty.Rules.R05.Threshold = 0.6;
        var disabled = new DetectionOptions();
        disabled.Rules.R05.Enabled = false;

        (await Analysis.RunAsync(Record.File(all), sixty)).Principal("user/nina").TriggeredRules.Should().NotContain(RuleIds.HighFailRate);
        (await Analysis.RunAsync(Record.File(all), disabled)).Principal("user/nina").TriggeredRules.Should().NotContain(RuleIds.HighFailRate);
    }
}
