using System.Text.Json.Nodes;
using IamUeba.Core.Rules;
using IamUeba.Core.Tests.Support;
using Record = IamUeba.Core.Tests.Support.Record;

namespace IamUeba.Core.Tests.Rules;

public sealed class R13AdminPolicyAttachedTests
{
    [Theory]
    [InlineData("aws.persistence.iam-create-admin-user", "AttachUserPolicy")]
    [InlineData("aws.persistence.iam-create-backdoor-role", "AttachRolePolicy")]
    public async Task Stratus_detonations_attaching_administrator_access_are_high_or_above(string technique, string eventName)
    {
        var attacker = (await Stratus.DetonationAsync(technique)).Attacker(RuleIds.AdminPolicyAttached);

        attacker.RiskLevel.Should().BeOneOf("HIGH", "CRITICAL");
        attacker.Hit(RuleIds.AdminPolicyAttached).Evidence.Should().ContainSingle(e => e.EventName == eventName);
    }

    [Theory]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""")]
    [InlineData("""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":["s3:GetObject","*"],"Resource":"*"}}""")]
    [InlineData("%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Action%22%3A%22*%22%2C%22Resource%22%3A%22*%22%7D%5D%7D")]
    public async Task An_inline_policy_allowing_every_action_is_an_administrator_grant(string document)
    {
        var put = Record.IamUser("mallory").Iam("PutUserPolicy").WithRequest(new JsonObject { ["userName"] = "mallory", ["policyName"] = "x", ["policyDocument"] = document });

        var mallory = (await Analysis.RunAsync(put)).Principal("user/mallory");

        mallory.Hit(RuleIds.AdminPolicyAttached).Observed.Should().Be(1);
    }

    [Fact]
    public async Task Read_only_policies_and_denied_attachments_are_not()
    {
        var readOnly = Record.IamUser("ops").Iam("AttachUserPolicy").WithRequest(new JsonObject { ["userName"] = "auditor", ["policyArn"] = "arn:aws:iam::aws:policy/ReadOnlyAccess" });
        var denied = Record.IamUser("ops").Iam("AttachRolePolicy").WithRequest(new JsonObject { ["roleName"] = "x", ["policyArn"] = "arn:aws:iam::aws:policy/AdministratorAccess" }).Denied().At("2024-01-15T10:01:00Z");
        var scoped = Record.IamUser("ops").Iam("PutRolePolicy").WithRequest(new JsonObject { ["roleName"] = "x", ["policyDocument"] = """{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"},{"Effect":"Deny","Action":"*","Resource":"*"}]}""" }).At("2024-01-15T10:02:00Z");

        var ops = (await Analysis.RunAsync(readOnly, denied, scoped)).Principal("user/ops");

        ops.TriggeredRules.Should().NotContain(RuleIds.AdminPolicyAttached);
    }
}
