using IamUeba.Cli.Generate.Catalog;
using IamUeba.Cli.Generate.Population;

namespace IamUeba.Cli.Generate.Scenarios;

/// <summary>
/// A leaked long-term key in the hands of several operators: the same AKIA key from a cluster of
/// new hosting addresses over two nights, harvesting secrets and SecureString parameters with
/// mostly successful reads (Stratus aws.credential-access.secretsmanager-retrieve-secrets,
/// secretsmanager-batch-retrieve-secrets, ssm-retrieve-securestring-parameters).
/// </summary>
internal sealed class StolenKeyNewAddresses : Scenario
{
    public override string Name => "stolen-key-new-addresses";
    public override IReadOnlyList<string> Mitre => ["T1078.004", "T1552.001", "T1555.006"];
    public override IReadOnlyList<string> Stratus => ["aws.credential-access.secretsmanager-retrieve-secrets", "aws.credential-access.secretsmanager-batch-retrieve-secrets", "aws.credential-access.ssm-retrieve-securestring-parameters"];
    public override string Description => "The same long-term key used from a cluster of new addresses at night, harvesting secrets and SecureString parameters.";

    public override bool Eligible(Principal p, PopulationModel model) => p.Kind == PrincipalKind.IamUser && p.AccessKeyId is not null && p.Persona is Persona.Developer or Persona.LegacyService;

    public override int Size(Random rng, double expectedNormal, GenerateSettings settings) => rng.Next(40, 71);

    public override void Plan(AttackContext c)
    {
        var key = c.StolenKey();
        var ips = Enumerable.Range(0, c.Rng.Next(5, 9)).Select(_ => Addresses.Hostile(c.Rng)).ToArray();
        var day = c.AttackDay();
        var nights = new[] { c.LocalTime(day, c.Rng.Next(0, 3), c.Rng.Next(0, 50)), c.LocalTime(Math.Min(day + 1, c.Model.Settings.Days - 1), c.Rng.Next(1, 4), c.Rng.Next(0, 50)) };
        ApiCall[] harvest = [IdentityCalls.GetCallerIdentity, StorageCalls.ListBuckets, OpsCalls.ListSecrets, OpsCalls.GetSecretValue, OpsCalls.GetSecretValue, OpsCalls.GetSecretValue, OpsCalls.GetParameters, ComputeCalls.DescribeInstances,
            AttackCalls.Read("ssm.amazonaws.com", "DescribeParameters", "{\"maxResults\":50}"),
            AttackCalls.Read("secretsmanager.amazonaws.com", "BatchGetSecretValue", "{\"filters\":[{\"key\":\"name\",\"values\":[\"prod\"]}],\"maxResults\":20}")];
        var perIp = (int)Math.Ceiling(c.Size / (double)ips.Length);
        for (var i = 0; c.Remaining > 0; i++)
        {
            var ip = ips[Math.Min(i / perIp, ips.Length - 1)];
            var t = nights[i * 2 / c.Size] + (i * 47) + c.Rng.Next(0, 30);
            var call = i % perIp == 0 ? IdentityCalls.GetCallerIdentity : harvest[c.Rng.Next(harvest.Length)];
            var agent = AttackCalls.CliAgent(AttackCalls.Agents[(i / perIp) % AttackCalls.Agents.Length], call.Source, call.Name);
            if (c.Rng.Chance(0.08))
            {
                c.Denied(call, key, c.VictimArn, ip, agent, t);
            }
            else
            {
                c.Add(call, key, ip, agent, t);
            }
        }
    }
}
