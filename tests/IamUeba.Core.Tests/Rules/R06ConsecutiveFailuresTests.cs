using IamUeba.Core.Rules;
using IamUeba.Core.Tests.Support;
using Record = IamUeba.Core.Tests.Support.Record;

namespace IamUeba.Core.Tests.Rules;

public sealed class R06ConsecutiveFailuresTests
{
    private static readonly DateTimeOffset Night = new(2024, 1, 16, 3, 0, 0, TimeSpan.Zero);

    private static Record Denied(string user, string eventName, int minute) =>
        Record.IamUserWithAccessKey(user).Iam(eventName).Denied().At(Night.AddMinutes(minute));

    private static Record Works(string user, int minute) =>
        Record.IamUserWithAccessKey(user).Call("GetCallerIdentity", "sts.amazonaws.com", readOnly: true).At(Night.AddMinutes(minute));

    /// <summary>A console sign-in that failed: CloudTrail writes no errorCode, only ConsoleLogin "Failure" and "Failed authentication".</summary>
    private static Record FailedSignIn(string user, int minute)
    {
        var record = Record.IamUser(user).ConsoleLogin(success: false, mfaUsed: "No").At(Night.AddMinutes(minute));
        var identity = record.Json["userIdentity"]!.AsObject();
        identity.Remove("sessionContext");
        identity.Remove("accessKeyId");
        return record;
    }

    private static List<Record> Shuffled(IEnumerable<Record> records, int seed)
    {
        var shuffled = records.ToArray();
        new Random(seed).Shuffle(shuffled);
        return [.. shuffled];
    }

    [Fact]
    public async Task Charlie_fires_consecutive_failures_after_six_access_denied_in_a_row_with_the_run_as_evidence()
    {
        string[] probes = ["ListUsers", "GetAccountAuthorizationDetails", "ListGroups", "ListRoles", "ListPolicies", "GetAccountSummary"];
        var run = probes.Select((name, i) => Denied("charlie", name, i)).ToList();
        var after = Works("charlie", 10);

        var charlie = (await Analysis.RunAsync([after, .. run])).Principal("user/charlie");

        var hit = charlie.Hit(RuleIds.ConsecutiveFailures);
        hit.Points.Should().Be(20);
        hit.Observed.Should().Be(6);
        hit.Threshold.Should().Be(5);
        hit.Comparison.Should().Be(">=");
        hit.Ids().Should().Equal(run.Take(RuleEngine.MaxEvidence).Select(r => r.Id()));
        hit.Evidence.Select(e => e.EventTime).Should().BeInAscendingOrder();
        hit.Evidence.Should().OnlyContain(e => e.ErrorCode == "AccessDenied");
        charlie.Stats.ConsecutiveFailures.Should().Be(6);
        charlie.ScoreBreakdown.Should().Contain("CONSEC_PENALTY", 6);
    }

    [Fact]
    public async Task Failures_are_counted_in_time_order_not_in_the_order_of_the_file()
    {
        // In time: works, five denials, works, denied, works.
        var inTime = new List<Record> { Works("quinn", 0) };
        var run = Enumerable.Range(1, 5).Select(i => Denied("quinn", "ListRoles", i)).ToList();
        inTime.AddRange(run);
        inTime.AddRange([Works("quinn", 6), Denied("quinn", "ListUsers", 7), Works("quinn", 8)]);
        var file = Shuffled(inTime, seed: 6);
        file.Select(r => r.Id()).Should().NotEqual(inTime.Select(r => r.Id()), "the file must not already be in time order");

        var quinn = (await Analysis.RunAsync(file)).Principal("user/quinn");

        var hit = quinn.Hit(RuleIds.ConsecutiveFailures);
        hit.Observed.Should().Be(5);
        hit.Ids().Should().Equal(run.Select(r => r.Id()));
    }

    [Fact]
    public async Task Five_failures_adjacent_in_the_file_but_not_in_time_do_not_fire()
    {
        // The file lists five denials together, but in time each was followed by a call that worked.
        var denials = Enumerable.Range(0, 5).Select(i => Denied("quinn", "ListRoles", 2 * i)).ToList();
        var successes = Enumerable.Range(0, 5).Select(i => Works("quinn", (2 * i) + 1)).ToList();

        var quinn = (await Analysis.RunAsync([.. denials, .. successes])).Principal("user/quinn");

        quinn.Stats.ConsecutiveFailures.Should().Be(1);
        quinn.TriggeredRules.Should().NotContain(RuleIds.ConsecutiveFailures);
    }

    [Fact]
    public async Task Five_failed_console_sign_ins_in_a_row_are_a_brute_force()
    {
        var attempts = Enumerable.Range(0, 5).Select(i => FailedSignIn("paul", i)).ToList();

        var paul = (await Analysis.RunAsync(Shuffled(attempts, seed: 3))).Principal("user/paul");

        var hit = paul.Hit(RuleIds.ConsecutiveFailures);
        hit.Observed.Should().Be(5);
        hit.Ids().Should().Equal(attempts.Select(r => r.Id()));
        hit.Evidence.Should().OnlyContain(e => e.EventName == "ConsoleLogin" && e.ErrorCode == null);
    }

    [Fact]
    public async Task Failed_sign_ins_of_unknown_user_names_are_kept_together_per_account()
    {
        var attempts = Enumerable.Range(0, 5).Select(i =>
        {
            var record = FailedSignIn("someone", i);
            var identity = record.Json["userIdentity"]!.AsObject();
            identity.Remove("arn");
            identity["principalId"] = Record.Account;
            identity["userName"] = "HIDDEN_DUE_TO_SECURITY_REASONS";
            return record.From($"203.0.113.{10 + i}");
        }).ToList();

        var report = await Analysis.RunAsync(attempts);

        report.TotalUsers.Should().Be(1);
        report.Principal("user/HIDDEN_DUE_TO_SECURITY_REASONS").Hit(RuleIds.ConsecutiveFailures).Observed.Should().Be(5);
    }

    [Fact]
    public async Task Four_failures_in_a_row_do_not_fire()
    {
        var records = Enumerable.Range(0, 4).Select(i => Denied("quinn", "ListRoles", i)).Append(Works("quinn", 5));

        var quinn = (await Analysis.RunAsync(records)).Principal("user/quinn");

        quinn.Stats.ConsecutiveFailures.Should().Be(4);
        quinn.TriggeredRules.Should().NotContain(RuleIds.ConsecutiveFailures);
        quinn.ScoreBreakdown.Should().Contain("CONSEC_PENALTY", 4, "the penalty counts every run, fired or not");
    }

    [Fact]
    public async Task A_raised_threshold_silences_the_rule_but_not_the_penalty()
    {
        var records = Enumerable.Range(0, 6).Select(i => Denied("charlie", "ListUsers", i)).ToList();
        var options = new DetectionOptions();
        options.Rules.R06.Threshold = 10;

        var charlie = (await Analysis.RunAsync(Record.File(records), options)).Principal("user/charlie");

        charlie.TriggeredRules.Should().NotContain(RuleIds.ConsecutiveFailures);
        charlie.ScoreBreakdown.Should().NotContainKey(RuleIds.ConsecutiveFailures).And.Contain("CONSEC_PENALTY", 6);
    }

    [Fact]
    public async Task Principals_unpacked_one_after_another_each_show_their_own_run_in_time_order()
    {
        // The analysis unpacks each principal's timeline into one shared buffer: a longer principal
        // first, then shorter ones whose events are out of order, must each get their own evidence.
        var amy = Enumerable.Range(0, 40).Select(i => Works("amy", i)).Concat(Enumerable.Range(40, 6).Select(i => Denied("amy", "ListUsers", i))).ToList();
        var bob = Enumerable.Range(0, 5).Select(i => Denied("bob", "ListRoles", 20 - i)).Append(Works("bob", 30)).ToList();
        var cat = Enumerable.Range(0, 7).Select(i => Denied("cat", "ListPolicies", 50 - (2 * i))).ToList();

        var report = await Analysis.RunAsync(Shuffled([.. amy, .. bob, .. cat], seed: 3));

        report.Principal("user/amy").Hit(RuleIds.ConsecutiveFailures).Ids().Should().Equal(amy.Skip(40).Take(RuleEngine.MaxEvidence).Select(r => r.Id()));
        report.Principal("user/bob").Hit(RuleIds.ConsecutiveFailures).Ids().Should().Equal(bob.Take(5).Reverse().Select(r => r.Id()));
        report.Principal("user/cat").Hit(RuleIds.ConsecutiveFailures).Ids().Should().Equal(cat.AsEnumerable().Reverse().Take(RuleEngine.MaxEvidence).Select(r => r.Id()));
        report.Principal("user/cat").Stats.ConsecutiveFailures.Should().Be(7);
        report.Principal("user/amy").Stats.TotalEvents.Should().Be(46);
    }
}
