using IamUeba.Cli.Generate.Catalog;
using IamUeba.Cli.Generate.Population;

namespace IamUeba.Cli.Generate.Scenarios;

/// <summary>
/// Backdoors with a stolen key: access keys and console passwords for OTHER users, a new user with
/// AdministratorAccess and its own key, and a role trusting an outside account (Stratus
/// aws.persistence.iam-backdoor-user, iam-create-user-login-profile, iam-create-admin-user,
/// iam-create-backdoor-role).
/// </summary>
internal sealed class Persistence : Scenario
{
    private const string ExternalAccount = "193672423079";

    public override string Name => "persistence";
    public override IReadOnlyList<string> Mitre => ["T1098.001", "T1136.003", "T1098.003"];
    public override IReadOnlyList<string> Stratus => ["aws.persistence.iam-backdoor-user", "aws.persistence.iam-create-user-login-profile", "aws.persistence.iam-create-admin-user", "aws.persistence.iam-create-backdoor-role"];
    public override string Description => "A stolen key creates access keys and console passwords for other users, a backdoor admin user with a key, and a role trusting an external account.";

    public override bool Eligible(Principal p, PopulationModel model) => p.Kind == PrincipalKind.IamUser && p.AccessKeyId is not null && p.Persona is Persona.Developer or Persona.Ops or Persona.LegacyService;

    public override int Size(Random rng, double expectedNormal, GenerateSettings settings) => 20;

    public override void Plan(AttackContext c)
    {
        var key = c.StolenKey();
        var ip = Addresses.Hostile(c.Rng);
        var agent = AttackCalls.UserAgent(c);
        var t = c.LocalTime(c.AttackDay(), c.Rng.Next(1, 5), c.Rng.Next(0, 50));
        long Next() => t += c.Rng.Next(2, 30);
        string A(string name) => AttackCalls.CliAgent(agent, "iam.amazonaws.com", name);
        var others = c.Model.Resources.Users.Where(u => u != c.Victim.Name).OrderBy(_ => c.Rng.Next()).Take(3).ToArray();
        var backdoor = c.Rng.Pick(["svc-monitoring", "aws-support-admin", "backup-operator", "terraform-ci"]);

        c.Add(IdentityCalls.GetCallerIdentity, key, ip, AttackCalls.CliAgent(agent, "sts.amazonaws.com", "GetCallerIdentity"), Next());
        c.Add(IdentityCalls.ListUsers, key, ip, A("ListUsers"), Next());
        foreach (var other in others)
        {
            c.Add(AttackCalls.Read("iam.amazonaws.com", "ListAccessKeys", $"{{\"userName\":\"{other}\"}}"), key, ip, A("ListAccessKeys"), Next());
            c.Add(AttackCalls.Call("iam.amazonaws.com", "CreateAccessKey", false, $"{{\"userName\":\"{other}\"}}",
                $"{{\"accessKey\":{{\"userName\":\"{other}\",\"accessKeyId\":\"{RandomText.AwsId(c.Rng, "AKIA")}\",\"status\":\"Active\",\"createDate\":\"{TimeText.Expiration(t)}\"}}}}"), key, ip, A("CreateAccessKey"), Next());
        }

        foreach (var other in others.Take(2))
        {
            c.Add(AttackCalls.Read("iam.amazonaws.com", "GetLoginProfile", $"{{\"userName\":\"{other}\"}}") with { BenignError = null }, key, ip, A("GetLoginProfile"), Next());
            c.Add(AttackCalls.Call("iam.amazonaws.com", "CreateLoginProfile", false, $"{{\"userName\":\"{other}\",\"passwordResetRequired\":false}}",
                $"{{\"loginProfile\":{{\"userName\":\"{other}\",\"createDate\":\"{TimeText.Expiration(t)}\",\"passwordResetRequired\":false}}}}"), key, ip, A("CreateLoginProfile"), Next());
        }

        var userId = RandomText.AwsId(c.Rng, "AIDA", 17);
        c.Add(AttackCalls.Call("iam.amazonaws.com", "CreateUser", false, $"{{\"userName\":\"{backdoor}\"}}",
            $"{{\"user\":{{\"path\":\"/\",\"userName\":\"{backdoor}\",\"userId\":\"{userId}\",\"arn\":\"{Arns.User(c.Account, backdoor)}\",\"createDate\":\"{TimeText.Expiration(t)}\"}}}}"), key, ip, A("CreateUser"), Next());
        c.Add(AttackCalls.Call("iam.amazonaws.com", "AttachUserPolicy", false, $"{{\"userName\":\"{backdoor}\",\"policyArn\":\"{Arns.AdministratorAccess}\"}}"), key, ip, A("AttachUserPolicy"), Next());
        c.Add(AttackCalls.Call("iam.amazonaws.com", "CreateAccessKey", false, $"{{\"userName\":\"{backdoor}\"}}",
            $"{{\"accessKey\":{{\"userName\":\"{backdoor}\",\"accessKeyId\":\"{RandomText.AwsId(c.Rng, "AKIA")}\",\"status\":\"Active\",\"createDate\":\"{TimeText.Expiration(t)}\"}}}}"), key, ip, A("CreateAccessKey"), Next());
        var role = $"{backdoor}-role";
        c.Add(AttackCalls.Call("iam.amazonaws.com", "CreateRole", false,
            $"{{\"roleName\":\"{role}\",\"assumeRolePolicyDocument\":{Json.TrustPolicy($"{{\"AWS\":\"arn:aws:iam::{ExternalAccount}:root\"}}")}}}",
            $"{{\"role\":{{\"path\":\"/\",\"roleName\":\"{role}\",\"roleId\":\"{RandomText.AwsId(c.Rng, "AROA", 17)}\",\"arn\":\"{Arns.Role(c.Account, role)}\",\"createDate\":\"{TimeText.Expiration(t)}\"}}}}"), key, ip, A("CreateRole"), Next());
        c.Add(AttackCalls.Call("iam.amazonaws.com", "AttachRolePolicy", false, $"{{\"roleName\":\"{role}\",\"policyArn\":\"{Arns.AdministratorAccess}\"}}"), key, ip, A("AttachRolePolicy"), Next());
        while (c.Remaining > 0)
        {
            c.Add(AttackCalls.Read("iam.amazonaws.com", "GetUser", $"{{\"userName\":\"{backdoor}\"}}"), key, ip, A("GetUser"), Next());
        }
    }
}
