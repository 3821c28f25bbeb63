using IamUeba.Core.Rules;
using IamUeba.Core.Tests.Support;
using Record = IamUeba.Core.Tests.Support.Record;

namespace IamUeba.Core.Tests.Rules;

public sealed class R11RootActivityTests
{
    [Fact]
    public async Task A_root_sign_in_with_mfa_to_read_account_pages_is_reported_at_medium()
    {
        var records = new[]
        {
            Record.Root(mfa: true).ConsoleLogin(success: true, mfaUsed: "Yes").At("2024-01-15T10:00:00Z"),
            Record.Root(mfa: true).Call("GetCostAndUsage", "ce.amazonaws.com", readOnly: true).At("2024-01-15T10:02:00Z"),
            Record.Root(mfa: true).Call("GetAccountSummary", "iam.amazonaws.com", readOnly: true).At("2024-01-15T10:03:00Z"),
        };

        var root = (await Analysis.RunAsync(records)).Principal(":root");

        root.IsAnomaly.Should().BeTrue("every root visit is reported");
        root.RiskLevel.Should().Be("MEDIUM");
        var hit = root.Hit(RuleIds.RootActivity);
        hit.Points.Should().Be(40);
        hit.Observed.Should().Be(3);
        hit.Evidence.Select(e => e.EventName).Should().Equal("ConsoleLogin", "GetCostAndUsage", "GetAccountSummary");
        root.TriggeredRules.Should().NotContain(RuleIds.RootHighRisk);
    }

    [Fact]
    public async Task The_compromised_root_scenario_in_the_corpus_is_caught()
    {
        var json = await File.ReadAllTextAsync(TestPaths.CorpusFile("panther-analysis/records/test_scenarios/compromised-root-creds__attacker_cloudtrail.json"));

        var root = (await Analysis.RunAsync(json)).Principal("arn:aws:iam::493859302102:root");

        root.TriggeredRules.Should().Contain([RuleIds.RootActivity, RuleIds.RootHighRisk]);
        root.RiskLevel.Should().Be("CRITICAL");
    }

    [Fact]
    public async Task Users_and_aws_services_acting_for_root_are_not_root_activity()
    {
        var user = Record.IamUser("alice").Call("ListBuckets", "s3.amazonaws.com", readOnly: true);
        var serviceForRoot = Record.Root().Call("Decrypt", "kms.amazonaws.com", readOnly: true);
        serviceForRoot.Json["userIdentity"]!["invokedBy"] = "s3.amazonaws.com";

        var report = await Analysis.RunAsync(user, serviceForRoot);

        report.Results.Should().NotContain(r => r.TriggeredRules.Contains(RuleIds.RootActivity));
    }
}
