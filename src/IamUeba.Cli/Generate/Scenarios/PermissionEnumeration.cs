using IamUeba.Cli.Generate.Behaviour;
using IamUeba.Cli.Generate.Catalog;
using IamUeba.Cli.Generate.Population;

namespace IamUeba.Cli.Generate.Scenarios;

/// <summary>
/// What a stolen key's first minutes look like (pacu's enum modules, Stratus
/// aws.discovery.ec2-download-user-data): GetCallerIdentity, then a fast sweep of List/Describe/Get
/// calls across services and regions from a new address, most of them AccessDenied or
/// Client.UnauthorizedOperation because the key's policy is narrow.
/// </summary>
internal sealed class PermissionEnumeration : Scenario
{
    private static readonly (string Source, string Name)[] Probes =
    [
        ("iam.amazonaws.com", "ListUsers"), ("iam.amazonaws.com", "ListRoles"), ("iam.amazonaws.com", "ListGroups"), ("iam.amazonaws.com", "ListPolicies"),
        ("iam.amazonaws.com", "GetAccountAuthorizationDetails"), ("iam.amazonaws.com", "ListAttachedUserPolicies"), ("iam.amazonaws.com", "ListUserPolicies"),
        ("iam.amazonaws.com", "GetAccountPasswordPolicy"), ("iam.amazonaws.com", "ListAccessKeys"), ("iam.amazonaws.com", "ListMFADevices"), ("iam.amazonaws.com", "ListInstanceProfiles"),
        ("iam.amazonaws.com", "ListSAMLProviders"), ("iam.amazonaws.com", "ListOpenIDConnectProviders"), ("iam.amazonaws.com", "GetAccountSummary"),
        ("s3.amazonaws.com", "ListBuckets"), ("ec2.amazonaws.com", "DescribeInstances"), ("ec2.amazonaws.com", "DescribeSecurityGroups"), ("ec2.amazonaws.com", "DescribeVpcs"),
        ("ec2.amazonaws.com", "DescribeSnapshots"), ("ec2.amazonaws.com", "DescribeImages"), ("ec2.amazonaws.com", "DescribeKeyPairs"), ("ec2.amazonaws.com", "DescribeInstanceAttribute"),
        ("ec2.amazonaws.com", "DescribeVolumes"), ("ec2.amazonaws.com", "DescribeRouteTables"), ("lambda.amazonaws.com", "ListFunctions20150331"), ("lambda.amazonaws.com", "ListLayers20181031"),
        ("rds.amazonaws.com", "DescribeDBInstances"), ("rds.amazonaws.com", "DescribeDBSnapshots"), ("dynamodb.amazonaws.com", "ListTables"), ("secretsmanager.amazonaws.com", "ListSecrets"),
        ("ssm.amazonaws.com", "DescribeParameters"), ("kms.amazonaws.com", "ListKeys"), ("kms.amazonaws.com", "ListAliases"), ("cloudtrail.amazonaws.com", "DescribeTrails"),
        ("guardduty.amazonaws.com", "ListDetectors"), ("organizations.amazonaws.com", "DescribeOrganization"), ("organizations.amazonaws.com", "ListAccounts"),
        ("sns.amazonaws.com", "ListTopics"), ("sqs.amazonaws.com", "ListQueues"), ("ecs.amazonaws.com", "ListClusters"), ("eks.amazonaws.com", "ListClusters"),
        ("ecr.amazonaws.com", "DescribeRepositories"), ("cloudformation.amazonaws.com", "DescribeStacks"), ("logs.amazonaws.com", "DescribeLogGroups"),
        ("route53.amazonaws.com", "ListHostedZones"), ("elasticloadbalancing.amazonaws.com", "DescribeLoadBalancers"), ("codecommit.amazonaws.com", "ListRepositories"),
        ("glue.amazonaws.com", "GetDatabases"), ("athena.amazonaws.com", "ListWorkGroups"), ("apigateway.amazonaws.com", "GetRestApis"),
    ];

    private static readonly string[] SweepRegions = ["us-east-1", "us-east-2", "us-west-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-1", "ap-northeast-1", "sa-east-1"];

    public override string Name => "permission-enumeration";
    public override IReadOnlyList<string> Mitre => ["T1580", "T1087.004", "T1069.003", "T1526"];
    public override IReadOnlyList<string> Stratus => ["aws.discovery.ec2-download-user-data", "aws.discovery.ec2-enumerate-from-instance"];
    public override string Description => "A stolen long-term key sweeps List/Describe/Get calls over many services and regions in minutes from a new address; most are denied.";

    public override bool Eligible(Principal p, PopulationModel model) => p.Kind == PrincipalKind.IamUser && p.AccessKeyId is not null && p.Persona is Persona.Developer or Persona.Analyst or Persona.LegacyService;

    public override int Size(Random rng, double expectedNormal, GenerateSettings settings) => rng.Next(150, 261);

    public override void Plan(AttackContext c)
    {
        var key = c.StolenKey();
        var ip = Addresses.Hostile(c.Rng);
        var agent = AttackCalls.UserAgent(c);
        var time = c.LocalTime(c.AttackDay(), c.Rng.Next(0, 5), c.Rng.Next(0, 50));
        c.Add(IdentityCalls.GetCallerIdentity, key, ip, AttackCalls.CliAgent(agent, "sts.amazonaws.com", "GetCallerIdentity"), time);
        while (c.Remaining > 0)
        {
            var (source, name) = Probes[c.Rng.Next(Probes.Length)];
            var region = source is "ec2.amazonaws.com" or "lambda.amazonaws.com" or "rds.amazonaws.com" or "secretsmanager.amazonaws.com" ? SweepRegions[c.Rng.Next(SweepRegions.Length)] : c.Victim.HomeRegion;
            time += c.Rng.Next(0, 4);
            var call = AttackCalls.Read(source, name);
            var callAgent = AttackCalls.CliAgent(agent, source, name);
            // The key's own narrow policy allows a few reads; the sweep is mostly refused.
            var allowed = source is "s3.amazonaws.com" or "sts.amazonaws.com" || (source == "logs.amazonaws.com" && c.Victim.Persona == Persona.Developer) || c.Rng.Chance(0.3);
            if (allowed)
            {
                c.Add(call, key, ip, callAgent, time, region);
            }
            else
            {
                c.Denied(call, key, c.VictimArn, ip, callAgent, time, region);
            }
        }
    }
}
