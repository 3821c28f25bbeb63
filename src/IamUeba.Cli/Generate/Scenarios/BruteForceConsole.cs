using IamUeba.Cli.Generate.Behaviour;
using IamUeba.Cli.Generate.Catalog;
using IamUeba.Cli.Generate.Population;

namespace IamUeba.Cli.Generate.Scenarios;

/// <summary>
/// Password guessing against the console at night from rotating addresses: dozens of failed
/// ConsoleLogin ("Failed authentication", no ARN, empty accessKeyId), then a success without MFA and
/// a look around in the console. Failed and successful sign-ins as in the awsdocs records; the
/// successful one as in Stratus aws.initial-access.console-login-without-mfa.
/// </summary>
internal sealed class BruteForceConsole : Scenario
{
    public override string Name => "brute-force-console-sign-in";
    public override IReadOnlyList<string> Mitre => ["T1110.001", "T1078.004"];
    public override IReadOnlyList<string> Stratus => ["aws.initial-access.console-login-without-mfa"];
    public override string Description => "Many failed console sign-ins from rotating hosting addresses at night, then a successful sign-in without MFA and console browsing.";

    public override bool Eligible(Principal p, PopulationModel model) => p.Kind == PrincipalKind.IamUser && p.Persona.IsPerson();

    // An account without an MFA device is what makes a guessed password enough.
    public override double Preference(Principal p, double expectedNormal) => p.HasMfa ? 1 : 20;

    public override int Size(Random rng, double expectedNormal, GenerateSettings settings) => rng.Next(30, 61) + 1 + rng.Next(10, 21);

    public override void Plan(AttackContext c)
    {
        var browse = c.Rng.Next(10, 21);
        var failures = c.Size - 1 - browse;
        var ips = new[] { Addresses.Hostile(c.Rng), Addresses.Hostile(c.Rng) };
        var time = c.LocalTime(c.AttackDay(), c.Rng.Next(1, 4), c.Rng.Next(0, 40));
        for (var i = 0; i < failures; i++)
        {
            c.Add(SignIns.IamUser(c.Model, c.Victim, c.Rng, time, ips[i * 2 / failures], AttackCalls.AttackerBrowser, success: false, mfaUsed: false));
            time += c.Rng.Next(4, 25);
        }

        var ip = ips[1];
        c.Add(SignIns.IamUser(c.Model, c.Victim, c.Rng, time, ip, AttackCalls.AttackerBrowser, success: true, mfaUsed: false));
        var session = CallerIdentity.IamUser(c.Account, c.Victim.Name, c.Victim.UniqueId, RandomText.AwsId(c.Rng, "ASIA"), new Session(time, false));
        ApiCall[] pages = [StorageCalls.ListBuckets, StorageCalls.GetBucketAcl, StorageCalls.GetBucketPolicy, ComputeCalls.DescribeInstances, ComputeCalls.DescribeSecurityGroups, IdentityCalls.ListUsers, IdentityCalls.GetAccountSummary, IdentityCalls.ListRoles, OpsCalls.ListSecrets, OpsCalls.DescribeTrails];
        for (var i = 0; i < browse; i++)
        {
            time += c.Rng.Next(2, 40);
            var call = pages[c.Rng.Next(pages.Length)];
            var agent = call.Source == "ec2.amazonaws.com" ? "console.ec2.amazonaws.com" : call.Source == "s3.amazonaws.com" ? Agents.S3Console : AttackCalls.AttackerBrowser;
            var e = c.Add(call, session, ip, agent, time);
            e.SessionCredentialFromConsole = true;
        }
    }
}
