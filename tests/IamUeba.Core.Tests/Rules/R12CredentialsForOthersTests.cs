using System.Text.Json.Nodes;
using IamUeba.Core.Rules;
using IamUeba.Core.Tests.Support;
using Record = IamUeba.Core.Tests.Support.Record;

namespace IamUeba.Core.Tests.Rules;

public sealed class R12CredentialsForOthersTests
{
    [Theory]
    [InlineData("aws.persistence.iam-backdoor-user", "CreateAccessKey")]
    [InlineData("aws.persistence.iam-create-user-login-profile", "CreateLoginProfile")]
    [InlineData("aws.privilege-escalation.iam-update-user-login-profile", "UpdateLoginProfile")]
    [InlineData("aws.persistence.iam-create-admin-user", "CreateAccessKey")]
    public async Task Each_stratus_detonation_creating_credentials_for_another_user_is_high_or_above(string technique, string eventName)
    {
        var attacker = (await Stratus.DetonationAsync(technique)).Attacker(RuleIds.CredentialsForOthers);

        attacker.RiskLevel.Should().BeOneOf("HIGH", "CRITICAL");
        attacker.Hit(RuleIds.CredentialsForOthers).Evidence.Should().Contain(e => e.EventName == eventName);
    }

    [Fact]
    public async Task Rotating_ones_own_access_key_is_not_for_another_user()
    {
        var own = Record.IamUser("dev").Iam("CreateAccessKey").WithRequest(new JsonObject { ["userName"] = "dev" });
        var implicitSelf = Record.IamUser("dev").Iam("CreateAccessKey").At("2024-01-15T10:01:00Z");

        var dev = (await Analysis.RunAsync(own, implicitSelf)).Principal("user/dev");

        dev.TriggeredRules.Should().NotContain(RuleIds.CredentialsForOthers);
    }

    [Fact]
    public async Task A_denied_attempt_is_not_a_credential_created()
    {
        var denied = Record.IamUser("eve").Iam("CreateLoginProfile").WithRequest(new JsonObject { ["userName"] = "admin" }).Denied();

        var eve = (await Analysis.RunAsync(denied)).Principal("user/eve");

        eve.TriggeredRules.Should().NotContain(RuleIds.CredentialsForOthers);
    }

    [Fact]
    public async Task A_role_creating_a_key_for_a_user_is_for_another_principal()
    {
        var key = Record.AssumedRole("ci-deploy", "build-42").Iam("CreateAccessKey").WithRequest(new JsonObject { ["userName"] = "svc-reporting" });

        var role = (await Analysis.RunAsync(key)).Principal("role/ci-deploy");

        role.Hit(RuleIds.CredentialsForOthers).Observed.Should().Be(1);
    }

    [Fact]
    public async Task An_identity_center_user_rotating_the_key_of_the_iam_user_named_after_them_acts_on_themselves()
    {
        // Identity Center names the session after the person; the caller cannot choose it.
        const string Role = "AWSReservedSSO_AdministratorAccess_366e0e2ff25b4146";
        var own = Record.AssumedRole(Role, "nina.park@example.com").Iam("CreateAccessKey").WithRequest(new JsonObject { ["userName"] = "nina.park@example.com" });
        var other = Record.AssumedRole(Role, "omar.lee@example.com").Iam("CreateAccessKey").WithRequest(new JsonObject { ["userName"] = "svc-reporting" });

        var report = await Analysis.RunAsync(own, other);

        report.Principal("nina.park@example.com").TriggeredRules.Should().NotContain(RuleIds.CredentialsForOthers);
        report.Principal("omar.lee@example.com").Hit(RuleIds.CredentialsForOthers).Observed.Should().Be(1);
    }

    [Fact]
    public async Task A_role_session_named_like_the_user_is_still_another_principal()
    {
        // AssumeRole lets the caller pick the session name, so it proves nothing about who is calling.
        var key = Record.AssumedRole("ci-deploy", "svc-reporting").Iam("CreateAccessKey").WithRequest(new JsonObject { ["userName"] = "svc-reporting" });

        var role = (await Analysis.RunAsync(key)).Principal("role/ci-deploy");

        role.Hit(RuleIds.CredentialsForOthers).Observed.Should().Be(1);
    }
}
