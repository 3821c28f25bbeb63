using IamUeba.Cli.Generate.Behaviour;
using IamUeba.Cli.Generate.Catalog;
using IamUeba.Cli.Generate.Population;

namespace IamUeba.Cli.Generate.Scenarios;

/// <summary>
/// Instance credentials stolen through the metadata service, used from outside to mine: the role
/// session (same instance session name and key) describes regions, then in one unused region after
/// another imports a key pair, opens SSH and runs GPU instances within minutes. Disabled regions
/// answer OptInRequired and quotas Client.VcpuLimitExceeded (Stratus
/// aws.credential-access.ec2-steal-instance-credentials, aws.execution.ec2-launch-unusual-instances).
/// </summary>
internal sealed class MultiRegionAbuse : Scenario
{
    private static readonly string[] Targets = ["us-west-1", "us-east-2", "ca-central-1", "sa-east-1", "eu-west-2", "eu-west-3", "eu-north-1", "ap-south-1", "ap-southeast-1", "ap-southeast-2", "ap-east-1", "af-south-1", "me-south-1", "eu-south-1"];
    private static readonly HashSet<string> OptIn = new(StringComparer.Ordinal) { "ap-east-1", "af-south-1", "me-south-1", "eu-south-1" };

    public override string Name => "multi-region-resource-abuse";
    public override IReadOnlyList<string> Mitre => ["T1552.005", "T1496", "T1535", "T1578.002"];
    public override IReadOnlyList<string> Stratus => ["aws.credential-access.ec2-steal-instance-credentials", "aws.execution.ec2-launch-unusual-instances"];
    public override string Description => "Stolen EC2 instance-role credentials used from outside to launch GPU instances in many unused regions within minutes.";

    public override bool Eligible(Principal p, PopulationModel model) => p.Kind == PrincipalKind.Role && p.SessionNames.Any(s => s.StartsWith("i-", StringComparison.Ordinal));

    public override int Size(Random rng, double expectedNormal, GenerateSettings settings) => 2 + (Targets.Length * 4);

    public override void Plan(AttackContext c)
    {
        var v = c.Victim;
        var session = v.SessionNames.First(s => s.StartsWith("i-", StringComparison.Ordinal));
        var t = c.LocalTime(c.AttackDay(), c.Rng.Next(0, 6), c.Rng.Next(0, 50));
        var identity = CallerIdentity.AssumedRole(c.Account, v.RoleName!, v.UniqueId, session, RandomText.AwsId(c.Rng, "ASIA"), new Session(t - c.Rng.Next(600, 3000), false), ec2RoleDelivery: true);
        var ip = Addresses.Hostile(c.Rng);
        var agent = AttackCalls.Agents[1];
        var caller = Arns.AssumedRole(c.Account, v.RoleName!, session);
        long Next() => t += c.Rng.Next(1, 8);
        c.Add(IdentityCalls.GetCallerIdentity, identity, ip, agent, Next());
        c.Add(ComputeCalls.DescribeRegions, identity, ip, agent, Next());
        var keyName = c.Rng.Pick(["deploy", "miner", "kp-" + RandomText.HexString(c.Rng, 6)]);
        foreach (var region in Targets)
        {
            var sg = "sg-0" + RandomText.HexString(c.Rng, 16);
            var key = AttackCalls.Call("ec2.amazonaws.com", "ImportKeyPair", false, $"{{\"keyName\":\"{keyName}\",\"publicKeyMaterial\":\"<sensitiveDataRemoved>\"}}", $"{{\"requestId\":\"$REQUEST_ID\",\"keyName\":\"{keyName}\",\"keyFingerprint\":\"{RandomText.HexString(c.Rng, 32)}\",\"keyPairId\":\"key-0{RandomText.HexString(c.Rng, 16)}\"}}");
            var group = AttackCalls.Call("ec2.amazonaws.com", "CreateSecurityGroup", false, $"{{\"groupName\":\"default-ssh\",\"groupDescription\":\"ssh\"}}", $"{{\"requestId\":\"$REQUEST_ID\",\"_return\":true,\"groupId\":\"{sg}\"}}");
            var open = AttackCalls.Call("ec2.amazonaws.com", "AuthorizeSecurityGroupIngress", false, $"{{\"groupId\":\"{sg}\",\"ipPermissions\":{{\"items\":[{{\"ipProtocol\":\"tcp\",\"fromPort\":22,\"toPort\":22,\"groups\":{{}},\"ipRanges\":{{\"items\":[{{\"cidrIp\":\"0.0.0.0/0\"}}]}},\"ipv6Ranges\":{{}},\"prefixListIds\":{{}}}}]}}}}", $"{{\"requestId\":\"$REQUEST_ID\",\"_return\":true}}");
            var run = AttackCalls.Call("ec2.amazonaws.com", "RunInstances", false,
                $"{{\"instancesSet\":{{\"items\":[{{\"imageId\":\"ami-0{RandomText.HexString(c.Rng, 16)}\",\"minCount\":1,\"maxCount\":{c.Rng.Next(4, 21)},\"keyName\":\"{keyName}\"}}]}},\"groupSet\":{{\"items\":[{{\"groupId\":\"{sg}\"}}]}},\"instanceType\":\"{c.Rng.Pick(["p3.2xlarge", "g4dn.12xlarge", "p2.xlarge", "g5.8xlarge"])}\",\"blockDeviceMapping\":{{}},\"monitoring\":{{\"enabled\":false}},\"disableApiTermination\":false,\"disableApiStop\":false,\"clientToken\":\"{c.Call.Uuid()}\"}}",
                $"{{\"requestId\":\"$REQUEST_ID\",\"reservationId\":\"r-0{RandomText.HexString(c.Rng, 16)}\",\"ownerId\":\"{c.Account}\",\"groupSet\":{{}},\"instancesSet\":{{\"items\":[{{\"instanceId\":\"i-0{RandomText.HexString(c.Rng, 16)}\",\"instanceState\":{{\"code\":0,\"name\":\"pending\"}}}}]}}}}");
            foreach (var call in new[] { key, group, open, run })
            {
                var e = c.Add(call, identity, ip, agent, Next(), region);
                if (OptIn.Contains(region))
                {
                    EventFactory.Fail(e, "OptInRequired", "You are not subscribed to this service. Please go to http://aws.amazon.com to subscribe.");
                }
                else if (call == run && c.Rng.Chance(0.4))
                {
                    EventFactory.Fail(e, "Client.VcpuLimitExceeded", "You have requested more vCPU capacity than your current vCPU limit of 0 allows for the instance bucket that the specified instance type belongs to. Please visit http://aws.amazon.com/contact-us/ec2-request to request an adjustment to this limit.");
                }
            }
        }
    }
}
