using IamUeba.Cli.Generate.Catalog;
using IamUeba.Cli.Generate.Population;

namespace IamUeba.Cli.Generate.Scenarios;

/// <summary>
/// Blinding the defenders with a stolen key: the trail is stopped, its selectors emptied, then it
/// is deleted; GuardDuty detectors go in several regions within minutes; VPC flow logs and the
/// Config recorder follow (Stratus aws.defense-evasion.cloudtrail-stop, cloudtrail-delete,
/// cloudtrail-event-selectors, vpc-remove-flow-logs).
/// </summary>
internal sealed class DefenceEvasion : Scenario
{
    private static readonly string[] DetectorRegions = ["us-east-1", "us-west-2", "eu-central-1", "eu-west-1", "ap-northeast-2"];

    public override string Name => "defence-evasion";
    public override IReadOnlyList<string> Mitre => ["T1562.008", "T1562.001"];
    public override IReadOnlyList<string> Stratus => ["aws.defense-evasion.cloudtrail-stop", "aws.defense-evasion.cloudtrail-delete", "aws.defense-evasion.cloudtrail-event-selectors", "aws.defense-evasion.vpc-remove-flow-logs"];
    public override string Description => "A stolen key stops, blinds and deletes the trail, deletes GuardDuty detectors in several regions, flow logs and the Config recorder.";

    public override bool Eligible(Principal p, PopulationModel model) => p.Kind == PrincipalKind.IamUser && p.AccessKeyId is not null && p.Persona is Persona.Ops or Persona.Developer;

    public override double Preference(Principal p, double expectedNormal) => p.Persona == Persona.Ops ? 5 : 1;

    public override int Size(Random rng, double expectedNormal, GenerateSettings settings) => 8 + (DetectorRegions.Length * 2) + 4;

    public override void Plan(AttackContext c)
    {
        var key = c.StolenKey();
        var ip = Addresses.Hostile(c.Rng);
        var agent = AttackCalls.UserAgent(c);
        var trail = $"arn:aws:cloudtrail:us-east-1:{c.Account}:trail/management-events";
        var t = c.LocalTime(c.AttackDay(), c.Rng.Next(0, 5), c.Rng.Next(0, 50));
        long Next() => t += c.Rng.Next(2, 25);
        string A(string source, string name) => AttackCalls.CliAgent(agent, source, name);
        void Do(string source, string name, bool readOnly, string? request, string region = "us-east-1") =>
            c.Add(AttackCalls.Call(source, name, readOnly, request), key, ip, A(source, name), Next(), region);

        Do("sts.amazonaws.com", "GetCallerIdentity", true, null);
        Do("cloudtrail.amazonaws.com", "DescribeTrails", true, "{\"includeShadowTrails\":true}");
        Do("cloudtrail.amazonaws.com", "GetTrailStatus", true, $"{{\"name\":\"{trail}\"}}");
        Do("cloudtrail.amazonaws.com", "StopLogging", false, $"{{\"name\":\"{trail}\"}}");
        Do("cloudtrail.amazonaws.com", "PutEventSelectors", false, $"{{\"trailName\":\"{trail}\",\"eventSelectors\":[{{\"readWriteType\":\"ReadOnly\",\"includeManagementEvents\":false,\"dataResources\":[],\"excludeManagementEventSources\":[]}}]}}");
        Do("cloudtrail.amazonaws.com", "DeleteTrail", false, $"{{\"name\":\"{trail}\"}}");
        foreach (var region in DetectorRegions)
        {
            var detector = RandomText.HexString(c.Rng, 32);
            Do("guardduty.amazonaws.com", "ListDetectors", true, null, region);
            Do("guardduty.amazonaws.com", "DeleteDetector", false, $"{{\"detectorId\":\"{detector}\"}}", region);
        }

        var home = c.Victim.HomeRegion;
        Do("ec2.amazonaws.com", "DescribeFlowLogs", true, "{\"flowLogIds\":{},\"filterSet\":{}}", home);
        Do("ec2.amazonaws.com", "DeleteFlowLogs", false, $"{{\"DeleteFlowLogsRequest\":{{\"FlowLogId\":{{\"tag\":1,\"content\":\"fl-0{RandomText.HexString(c.Rng, 16)}\"}}}}}}", home);
        Do("config.amazonaws.com", "DescribeConfigurationRecorders", true, null, home);
        Do("config.amazonaws.com", "StopConfigurationRecorder", false, "{\"configurationRecorderName\":\"default\"}", home);
        while (c.Remaining > 0)
        {
            Do("cloudtrail.amazonaws.com", "DescribeTrails", true, "{\"includeShadowTrails\":true}");
        }
    }
}
