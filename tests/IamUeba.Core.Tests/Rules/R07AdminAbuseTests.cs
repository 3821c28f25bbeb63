using System.Text.Json.Nodes;
using IamUeba.Core.Rules;
using IamUeba.Core.Tests.Support;
using Record = IamUeba.Core.Tests.Support.Record;

namespace IamUeba.Core.Tests.Rules;

public sealed class R07AdminAbuseTests
{
    private static readonly DateTimeOffset Night = new(2024, 1, 15, 23, 12, 0, TimeSpan.Zero);
    private static readonly string[] BobsChanges = ["CreateUser", "AttachUserPolicy", "CreateAccessKey", "DeleteUser", "PutUserPolicy", "CreateRole", "AttachRolePolicy"];

    private static List<Record> IamChanges(string user, IEnumerable<string> names) =>
        names.Select((name, i) => Record.IamUserWithAccessKey(user).Iam(name).WithRequest(new JsonObject { ["userName"] = "backup-svc" }).At(Night.AddMinutes(23 * i))).ToList();

    [Fact]
    public async Task Bob_making_seven_IAM_changes_overnight_fires_admin_abuse_with_the_first_changes_as_evidence()
    {
        var changes = IamChanges("bob", BobsChanges);

        var bob = (await Analysis.RunAsync(Enumerable.Reverse(changes))).Principal("user/bob");

        var hit = bob.Hit(RuleIds.AdminAbuse);
        hit.Points.Should().Be(18);
        hit.Observed.Should().Be(7);
        hit.Threshold.Should().Be(5);
        hit.Comparison.Should().Be(">=");
        hit.Ids().Should().Equal(changes.Take(RuleEngine.MaxEvidence).Select(r => r.Id()));
        hit.Evidence.Select(e => e.EventName).Should().Equal("CreateUser", "AttachUserPolicy", "CreateAccessKey", "DeleteUser", "PutUserPolicy");
        bob.Stats.AdminActions.Should().Be(7);
    }

    [Fact]
    public async Task Five_changes_fire_and_four_do_not()
    {
        var five = (await Analysis.RunAsync(IamChanges("bob", BobsChanges.Take(5)))).Principal("user/bob");
        var four = (await Analysis.RunAsync(IamChanges("bob", BobsChanges.Take(4)))).Principal("user/bob");

        five.Hit(RuleIds.AdminAbuse).Observed.Should().Be(5);
        four.TriggeredRules.Should().NotContain(RuleIds.AdminAbuse);
    }

    [Fact]
    public async Task Group_membership_and_trust_policy_changes_are_administrative_too()
    {
        var changes = IamChanges("rita", ["AddUserToGroup", "UpdateAssumeRolePolicy", "PutRolePolicy", "CreatePolicyVersion", "DeactivateMFADevice"]);

        var rita = (await Analysis.RunAsync(changes)).Principal("user/rita");

        rita.Hit(RuleIds.AdminAbuse).Observed.Should().Be(5);
    }

    [Fact]
    public async Task Reading_IAM_is_not_administrative()
    {
        var reads = IamChanges("rita", ["ListUsers", "GetUser", "ListAttachedUserPolicies", "GetRole", "ListRoles", "GetPolicy"]);

        var rita = (await Analysis.RunAsync(reads)).Principal("user/rita");

        rita.Stats.AdminActions.Should().Be(0);
        rita.TriggeredRules.Should().NotContain(RuleIds.AdminAbuse);
    }

    [Fact]
    public async Task Configured_extra_admin_actions_count_and_a_raised_threshold_or_disabled_rule_changes_the_answer()
    {
        var changes = Enumerable.Range(0, 5)
            .Select(i => Record.IamUser("sam").Call("CreateAccount", "organizations.amazonaws.com").At(Night.AddMinutes(i)))
            .ToList();
        var extra = new DetectionOptions { ExtraAdminActions = ["CreateAccount"] };
        var raised = new DetectionOptions { ExtraAdminActions = ["CreateAccount"] };
        raised.Rules.R07.Threshold = 6;
        var disabled = new DetectionOptions { ExtraAdminActions = ["CreateAccount"] };
        disabled.Rules.R07.Enabled = false;

        (await Analysis.RunAsync(changes)).Principal("user/sam").TriggeredRules.Should().NotContain(RuleIds.AdminAbuse);
        (await Analysis.RunAsync(Record.File(changes), extra)).Principal("user/sam").Hit(RuleIds.AdminAbuse).Observed.Should().Be(5);
        (await Analysis.RunAsync(Record.File(changes), raised)).Principal("user/sam").TriggeredRules.Should().NotContain(RuleIds.AdminAbuse);
        (await Analysis.RunAsync(Record.File(changes), disabled)).Principal("user/sam").TriggeredRules.Should().NotContain(RuleIds.AdminAbuse);
    }
}
