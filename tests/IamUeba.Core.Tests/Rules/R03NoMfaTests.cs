using System.Text.Json.Nodes;
using IamUeba.Core.Rules;
using IamUeba.Core.Tests.Support;
using Record = IamUeba.Core.Tests.Support.Record;

namespace IamUeba.Core.Tests.Rules;

public sealed class R03NoMfaTests
{
    private const string PermissionSetRole = "AWSReservedSSO_AdministratorAccess_0a1b2c3d4e5f6789";
    private static readonly DateTimeOffset Morning = new(2024, 1, 15, 9, 0, 0, TimeSpan.Zero);
    private static readonly string[] RoleWrites = ["CreateRole", "AttachRolePolicy", "PutRolePolicy"];
    private static readonly string[] UserWrites = ["CreateUser", "AttachUserPolicy"];

    /// <summary>A call by a person signed in through IAM Identity Center: its role lives under aws-reserved/sso.amazonaws.com/ and records mfaAuthenticated "false" whatever the identity provider enforced.</summary>
    private static Record IdentityCenterSession(string person)
    {
        var record = Record.AssumedRole(PermissionSetRole, person, mfa: false);
        var issuer = record.Json["userIdentity"]!["sessionContext"]!["sessionIssuer"]!.AsObject();
        issuer["arn"] = $"arn:aws:iam::{Record.Account}:role/aws-reserved/sso.amazonaws.com/{PermissionSetRole}";
        return record;
    }

    /// <summary>A console sign-in as CloudTrail writes it for an IAM user: no access key, no session yet.</summary>
    private static Record ConsoleSignIn(string user, string? mfaUsed)
    {
        var record = Record.IamUser(user).ConsoleLogin(success: true, mfaUsed);
        var identity = record.Json["userIdentity"]!.AsObject();
        identity.Remove("sessionContext");
        identity.Remove("accessKeyId");
        return record;
    }

    [Fact]
    public async Task Bob_writing_IAM_with_a_long_term_access_key_fires_no_mfa_with_those_calls_as_evidence()
    {
        var read = Record.IamUserWithAccessKey("bob").Iam("ListUsers").At(Morning);
        var createUser = Record.IamUserWithAccessKey("bob").Iam("CreateUser").At(Morning.AddMinutes(5));
        var attach = Record.IamUserWithAccessKey("bob").Iam("AttachUserPolicy").At(Morning.AddMinutes(6));

        var bob = (await Analysis.RunAsync(attach, read, createUser)).Principal("user/bob");

        var hit = bob.Hit(RuleIds.NoMfa);
        hit.Points.Should().Be(20);
        hit.Observed.Should().Be(2);
        hit.Threshold.Should().Be(1);
        hit.Comparison.Should().Be(">=");
        hit.Ids().Should().Equal(createUser.Id(), attach.Id());
        hit.Evidence.Select(e => e.EventName).Should().Equal("CreateUser", "AttachUserPolicy");
        bob.Stats.HighRiskWithoutMfa.Should().Be(2);
    }

    [Fact]
    public async Task One_access_key_created_in_a_session_without_mfa_is_enough()
    {
        var createKey = Record.IamUser("ivan", mfa: false).Iam("CreateAccessKey").At(Morning)
            .WithRequest(new JsonObject { ["userName"] = "ivan" });

        var ivan = (await Analysis.RunAsync(createKey)).Principal("user/ivan");

        var hit = ivan.Hit(RuleIds.NoMfa);
        hit.Observed.Should().Be(1);
        hit.Evidence.Should().ContainSingle().Which.EventId.Should().Be(createKey.Id());
    }

    [Fact]
    public async Task The_same_call_in_a_session_with_mfa_does_not_fire()
    {
        var createKey = Record.IamUser("ivan", mfa: true).Iam("CreateAccessKey").At(Morning);

        var ivan = (await Analysis.RunAsync(createKey)).Principal("user/ivan");

        ivan.TriggeredRules.Should().NotContain(RuleIds.NoMfa);
        ivan.Stats.HighRiskWithoutMfa.Should().Be(0);
    }

    [Fact]
    public async Task Identity_Center_sessions_have_mfa_not_observable_and_never_fire()
    {
        var records = RoleWrites.Select((name, i) => IdentityCenterSession("jane@example.com").Iam(name).At(Morning.AddMinutes(i)))
            .ToList();

        var jane = (await Analysis.RunAsync(records)).Principal($"{PermissionSetRole}/jane@example.com");

        jane.TriggeredRules.Should().NotContain(RuleIds.NoMfa);
        jane.Stats.HighRiskWithoutMfa.Should().Be(0);
        jane.Stats.HighRiskMfaNotObservable.Should().Be(3);
    }

    [Fact]
    public async Task Reads_with_a_long_term_key_are_not_high_risk_and_do_not_fire()
    {
        var records = Enumerable.Range(0, 5)
            .Select(i => Record.IamUserWithAccessKey("ci-reader").Call("GetObject", "s3.amazonaws.com", readOnly: true).At(Morning.AddMinutes(i)));

        var reader = (await Analysis.RunAsync(records)).Principal("user/ci-reader");

        reader.TriggeredRules.Should().NotContain(RuleIds.NoMfa);
    }

    [Fact]
    public async Task A_role_CloudFormation_creates_on_a_users_behalf_is_not_a_human_call_without_mfa()
    {
        var viaStack = Record.IamUserWithAccessKey("deployer").Iam("CreateRole").At(Morning);
        viaStack.Json["userIdentity"]!["invokedBy"] = "cloudformation.amazonaws.com";
        viaStack.From("cloudformation.amazonaws.com");

        var deployer = (await Analysis.RunAsync(viaStack)).Principal("user/deployer");

        deployer.Stats.HighRisk.Should().Be(1);
        deployer.TriggeredRules.Should().NotContain(RuleIds.NoMfa);
    }

    [Theory]
    [InlineData("No", true)]
    [InlineData("no", true)]
    [InlineData("Yes", false)]
    [InlineData("YES", false)]
    public async Task A_console_sign_in_fires_only_when_MFAUsed_says_no(string mfaUsed, bool fires)
    {
        var signIn = ConsoleSignIn("kate", mfaUsed).At(Morning);

        var kate = (await Analysis.RunAsync(signIn)).Principal("user/kate");

        kate.TriggeredRules.Contains(RuleIds.NoMfa).Should().Be(fires);
        if (fires)
        {
            kate.Hit(RuleIds.NoMfa).Evidence.Should().ContainSingle().Which.EventName.Should().Be("ConsoleLogin");
        }
    }

    [Fact]
    public async Task A_SAML_console_sign_in_records_no_but_its_mfa_is_not_observable()
    {
        var signIn = Record.AssumedRole("Federated-Engineers", "kate@example.com").ConsoleLogin(success: true, mfaUsed: "No").At(Morning);
        signIn.Json["additionalEventData"]!["SamlProviderArn"] = $"arn:aws:iam::{Record.Account}:saml-provider/Okta";

        var kate = (await Analysis.RunAsync(signIn)).Principal("role/Federated-Engineers");

        kate.TriggeredRules.Should().NotContain(RuleIds.NoMfa);
        kate.Stats.HighRiskMfaNotObservable.Should().Be(1);
    }

    [Fact]
    public async Task A_disabled_no_mfa_rule_does_not_fire_and_a_threshold_of_three_needs_three_calls()
    {
        var records = UserWrites.Select((name, i) => Record.IamUserWithAccessKey("bob").Iam(name).At(Morning.AddMinutes(i)))
            .ToList();
        var disabled = new DetectionOptions();
        disabled.Rules.R03.Enabled = false;
        var three = new DetectionOptions();
        three.Rules.R03.Threshold = 3;

        (await Analysis.RunAsync(Record.File(records), disabled)).Principal("user/bob").TriggeredRules.Should().NotContain(RuleIds.NoMfa);
        (await Analysis.RunAsync(Record.File(records), three)).Principal("user/bob").TriggeredRules.Should().NotContain(RuleIds.NoMfa);

        records.Add(Record.IamUserWithAccessKey("bob").Iam("CreateAccessKey").At(Morning.AddMinutes(5)));
        (await Analysis.RunAsync(Record.File(records), three)).Principal("user/bob").Hit(RuleIds.NoMfa).Observed.Should().Be(3);
    }
}
