using IamUeba.Cli.Generate.Catalog;
using IamUeba.Cli.Generate.Population;

namespace IamUeba.Cli.Generate.Scenarios;

/// <summary>
/// A stolen developer key climbs to administrator: reads its own policies, is refused a direct
/// AttachUserPolicy, rewrites its managed policy with CreatePolicyVersion ("Action":"*", set as
/// default), then attaches AdministratorAccess, adds an inline "*" policy and assumes a privileged
/// role (Stratus aws.persistence.iam-create-admin-user, aws.privilege-escalation.iam-update-user-login-profile;
/// the CreatePolicyVersion path of Rhino's IAM escalation research).
/// </summary>
internal sealed class PrivilegeEscalation : Scenario
{
    private const string PrivilegedRole = "platform-admin";

    public override string Name => "privilege-escalation";
    public override IReadOnlyList<string> Mitre => ["T1098", "T1098.003", "T1078.004"];
    public override IReadOnlyList<string> Stratus => ["aws.persistence.iam-create-admin-user", "aws.privilege-escalation.iam-update-user-login-profile"];
    public override string Description => "A stolen key reads its own permissions, rewrites its managed policy to Action *, attaches AdministratorAccess, adds an inline * policy and assumes a privileged role.";

    public override bool Eligible(Principal p, PopulationModel model) => p.Kind == PrincipalKind.IamUser && p.AccessKeyId is not null && p.Persona == Persona.Developer;

    public override int Size(Random rng, double expectedNormal, GenerateSettings settings) => 30;

    public override void Plan(AttackContext c)
    {
        var key = c.StolenKey();
        var ip = Addresses.Hostile(c.Rng);
        var agent = AttackCalls.UserAgent(c);
        var user = c.Victim.Name;
        var policy = Arns.Policy(c.Account, $"{user}-dev-access");
        var admin = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}";
        var time = c.LocalTime(c.AttackDay(), c.Rng.Next(21, 24), c.Rng.Next(0, 50));
        var t = time;
        long Next() => t += c.Rng.Next(3, 40);
        string A(string source, string name) => AttackCalls.CliAgent(agent, source, name);

        c.Add(IdentityCalls.GetCallerIdentity, key, ip, A("sts.amazonaws.com", "GetCallerIdentity"), Next());
        c.Add(AttackCalls.Read("iam.amazonaws.com", "ListAttachedUserPolicies", $"{{\"userName\":\"{user}\"}}"), key, ip, A("iam.amazonaws.com", "ListAttachedUserPolicies"), Next());
        c.Add(AttackCalls.Read("iam.amazonaws.com", "ListUserPolicies", $"{{\"userName\":\"{user}\"}}"), key, ip, A("iam.amazonaws.com", "ListUserPolicies"), Next());
        c.Add(AttackCalls.Read("iam.amazonaws.com", "ListGroupsForUser", $"{{\"userName\":\"{user}\"}}"), key, ip, A("iam.amazonaws.com", "ListGroupsForUser"), Next());
        c.Add(AttackCalls.Read("iam.amazonaws.com", "GetPolicy", $"{{\"policyArn\":\"{policy}\"}}"), key, ip, A("iam.amazonaws.com", "GetPolicy"), Next());
        c.Add(AttackCalls.Read("iam.amazonaws.com", "ListPolicyVersions", $"{{\"policyArn\":\"{policy}\"}}"), key, ip, A("iam.amazonaws.com", "ListPolicyVersions"), Next());
        c.Add(AttackCalls.Read("iam.amazonaws.com", "GetPolicyVersion", $"{{\"policyArn\":\"{policy}\",\"versionId\":\"v3\"}}"), key, ip, A("iam.amazonaws.com", "GetPolicyVersion"), Next());
        var attach = AttackCalls.Call("iam.amazonaws.com", "AttachUserPolicy", false, $"{{\"userName\":\"{user}\",\"policyArn\":\"{Arns.AdministratorAccess}\"}}");
        c.Denied(attach, key, c.VictimArn, ip, A("iam.amazonaws.com", "AttachUserPolicy"), Next());
        c.Denied(AttackCalls.Call("iam.amazonaws.com", "PutUserPolicy", false, $"{{\"userName\":\"{user}\",\"policyName\":\"backup\",\"policyDocument\":{Json.Q(admin)}}}"), key, c.VictimArn, ip, A("iam.amazonaws.com", "PutUserPolicy"), Next());
        c.Add(AttackCalls.Call("iam.amazonaws.com", "CreatePolicyVersion", false,
            $"{{\"policyArn\":\"{policy}\",\"policyDocument\":{Json.Q(admin)},\"setAsDefault\":true}}",
            $"{{\"policyVersion\":{{\"versionId\":\"v4\",\"isDefaultVersion\":true,\"createDate\":\"{TimeText.Expiration(t)}\"}}}}"), key, ip, A("iam.amazonaws.com", "CreatePolicyVersion"), Next());
        c.Add(attach, key, ip, A("iam.amazonaws.com", "AttachUserPolicy"), Next());
        c.Add(AttackCalls.Call("iam.amazonaws.com", "PutUserPolicy", false, $"{{\"userName\":\"{user}\",\"policyName\":\"backup\",\"policyDocument\":{Json.Q(admin)}}}"), key, ip, A("iam.amazonaws.com", "PutUserPolicy"), Next());
        c.Add(IdentityCalls.ListRoles, key, ip, A("iam.amazonaws.com", "ListRoles"), Next());
        c.Add(AttackCalls.Read("iam.amazonaws.com", "GetRole", $"{{\"roleName\":\"{PrivilegedRole}\"}}"), key, ip, A("iam.amazonaws.com", "GetRole"), Next());

        var roleId = RandomText.AwsId(c.Rng, "AROA", 17);
        var session = $"{user}-{RandomText.Digits(c.Rng, 10)}";
        var roleKey = RandomText.AwsId(c.Rng, "ASIA");
        var assumedAt = Next();
        var assume = c.Add(AttackCalls.AssumeRole(c.Account, PrivilegedRole, roleId, session, roleKey, assumedAt + 3600, c.Rng), key, ip, A("sts.amazonaws.com", "AssumeRole"), assumedAt);
        assume.Resources = Json.Resource("AWS::IAM::Role", Arns.Role(c.Account, PrivilegedRole), c.Account);
        var role = CallerIdentity.AssumedRole(c.Account, PrivilegedRole, roleId, session, roleKey, new Session(assumedAt, false));
        c.Related.Add(Arns.Role(c.Account, PrivilegedRole));
        ApiCall[] asAdmin = [IdentityCalls.GetCallerIdentity, IdentityCalls.ListUsers, StorageCalls.ListBuckets, OpsCalls.ListSecrets, OpsCalls.GetSecretValue, ComputeCalls.DescribeInstances, IdentityCalls.GetAccountAuthorizationDetails];
        while (c.Remaining > 0)
        {
            var call = asAdmin[c.Rng.Next(asAdmin.Length)];
            c.Add(call, role, ip, A(call.Source, call.Name), Next());
        }
    }
}
