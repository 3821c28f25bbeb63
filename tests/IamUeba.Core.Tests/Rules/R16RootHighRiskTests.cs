using System.Text.Json.Nodes;
using IamUeba.Core.Rules;
using IamUeba.Core.Tests.Support;
using Record = IamUeba.Core.Tests.Support.Record;

namespace IamUeba.Core.Tests.Rules;

public sealed class R16RootHighRiskTests
{
    [Fact]
    public async Task A_root_console_sign_in_without_mfa_is_high()
    {
        // Panther's AWS.Console.RootLogin fixture: MFAUsed "No".
        var login = Record.Root().ConsoleLogin(success: true, mfaUsed: "No").At("2024-01-15T10:00:00Z");

        var root = (await Analysis.RunAsync(login)).Principal(":root");

        root.TriggeredRules.Should().Contain([RuleIds.RootActivity, RuleIds.RootHighRisk]);
        root.RiskLevel.Should().BeOneOf("HIGH", "CRITICAL");
    }

    [Fact]
    public async Task Root_creating_an_access_key_from_the_console_is_high_even_with_mfa()
    {
        // The console's security-credentials page records it as invoked by signin.amazonaws.com (Panther's AWS.CloudTrail.RootAccessKeyCreated).
        var key = Record.Root(mfa: true).Iam("CreateAccessKey").At("2024-01-15T10:05:00Z");
        key.Json["userIdentity"]!["invokedBy"] = "signin.amazonaws.com";

        var root = (await Analysis.RunAsync(key)).Principal(":root");

        root.Hit(RuleIds.RootHighRisk).Evidence.Single().EventName.Should().Be("CreateAccessKey");
        root.RiskLevel.Should().BeOneOf("HIGH", "CRITICAL");
    }

    [Fact]
    public async Task A_call_with_a_root_access_key_or_a_failed_root_sign_in_is_high()
    {
        var withKey = Record.Root().Call("ListBuckets", "s3.amazonaws.com", readOnly: true).At("2024-01-15T10:00:00Z");
        withKey.Json["userIdentity"]!["accessKeyId"] = "AKIAROOTEXAMPLE00001";
        withKey.Json["userIdentity"]!.AsObject().Remove("sessionContext");
        var failed = Record.Root().ConsoleLogin(success: false, mfaUsed: "Yes").At("2024-01-15T11:00:00Z");

        var root = (await Analysis.RunAsync(withKey, failed)).Principal(":root");

        root.Hit(RuleIds.RootHighRisk).Evidence.Select(e => e.EventName).Should().Equal("ListBuckets", "ConsoleLogin");
    }

    [Fact]
    public async Task Root_reading_billing_and_account_pages_with_mfa_is_not_high_risk()
    {
        var records = new[]
        {
            Record.Root(mfa: true).ConsoleLogin(success: true, mfaUsed: "Yes").At("2024-01-15T10:00:00Z"),
            Record.Root(mfa: true).Call("GetCostAndUsage", "ce.amazonaws.com", readOnly: true).At("2024-01-15T10:01:00Z"),
            Record.Root(mfa: true).Call("ListMFADevices", "iam.amazonaws.com", readOnly: true).At("2024-01-15T10:02:00Z"),
            Record.Root(mfa: true).Call("GetAlternateContact", "account.amazonaws.com", readOnly: true).At("2024-01-15T10:03:00Z").Denied("ResourceNotFoundException"),
        };

        var root = (await Analysis.RunAsync(records)).Principal(":root");

        root.TriggeredRules.Should().Contain(RuleIds.RootActivity).And.NotContain(RuleIds.RootHighRisk);
    }

    [Fact]
    public async Task Root_changing_something_with_mfa_is_high()
    {
        var stop = Record.Root(mfa: true).Call("StopLogging", "cloudtrail.amazonaws.com").WithRequest(new JsonObject { ["name"] = "org-trail" });

        var root = (await Analysis.RunAsync(stop)).Principal(":root");

        root.Hit(RuleIds.RootHighRisk).Observed.Should().Be(1);
    }

    [Fact]
    public async Task An_iam_user_without_mfa_is_not_root()
    {
        var login = Record.IamUser("alice", mfa: false).ConsoleLogin(success: true, mfaUsed: "No");

        var alice = (await Analysis.RunAsync(login)).Principal("user/alice");

        alice.TriggeredRules.Should().NotContain(RuleIds.RootHighRisk);
    }
}
