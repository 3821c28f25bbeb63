using IamUeba.Core.Rules;
using IamUeba.Core.Tests.Support;
using Record = IamUeba.Core.Tests.Support.Record;

namespace IamUeba.Core.Tests.Rules;

public sealed class R15LoginAfterFailuresTests
{
    private static readonly DateTimeOffset Start = new(2024, 1, 15, 2, 0, 0, TimeSpan.Zero);

    private static List<Record> Attempts(string user, int failures, TimeSpan gap, bool success = true)
    {
        var records = Enumerable.Range(0, failures).Select(i => Record.IamUser(user).ConsoleLogin(success: false, mfaUsed: "No").At(Start + (gap * i))).ToList();
        if (success)
        {
            records.Add(Record.IamUser(user).ConsoleLogin(success: true, mfaUsed: "No").At(Start + (gap * failures)));
        }

        return records;
    }

    [Fact]
    public async Task A_success_after_four_failures_fires_with_the_failures_and_the_success_as_evidence()
    {
        var attempts = Attempts("dave", 4, TimeSpan.FromMinutes(2));

        var dave = (await Analysis.RunAsync(Enumerable.Reverse(attempts))).Principal("user/dave");

        dave.RiskLevel.Should().BeOneOf("HIGH", "CRITICAL");
        var hit = dave.Hit(RuleIds.LoginAfterFailures);
        hit.Observed.Should().Be(4);
        hit.Ids().Should().Equal(attempts.Select(r => r.Id()));
    }

    [Fact]
    public async Task Failures_without_a_success_or_spread_beyond_the_window_do_not_fire()
    {
        var noSuccess = (await Analysis.RunAsync(Attempts("dave", 6, TimeSpan.FromMinutes(1), success: false))).Principal("user/dave");
        var spread = (await Analysis.RunAsync(Attempts("erin", 3, TimeSpan.FromMinutes(45)))).Principal("user/erin");
        var two = (await Analysis.RunAsync(Attempts("fred", 2, TimeSpan.FromMinutes(1)))).Principal("user/fred");

        noSuccess.TriggeredRules.Should().NotContain(RuleIds.LoginAfterFailures);
        spread.TriggeredRules.Should().NotContain(RuleIds.LoginAfterFailures);
        two.TriggeredRules.Should().NotContain(RuleIds.LoginAfterFailures);
    }
}
