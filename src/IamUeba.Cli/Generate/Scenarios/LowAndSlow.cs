using IamUeba.Cli.Generate.Catalog;
using IamUeba.Cli.Generate.Population;
using IamUeba.Core;

namespace IamUeba.Cli.Generate.Scenarios;

/// <summary>
/// A patient intruder with a hijacked console session (a stolen session cookie, MFA already
/// satisfied) from one new address: a few calls a day through the week, in the victim's region,
/// mostly in working hours. It reads IAM and secrets, is refused now and then (never twice in a
/// row), creates a key for a dormant user, shares a snapshot and opens a bucket to an outside
/// account. It is planned against the victim's own hourly counts to stay under every rule
/// threshold of IamUeba's defaults (read from Core's options, so the two cannot drift), while
/// differing from its peers on failures, high-risk share, admin actions, addresses and hours.
/// </summary>
internal sealed class LowAndSlow : Scenario
{
    private const string ExternalAccount = "210987654321";

    public override string Name => "low-and-slow";
    public override IReadOnlyList<string> Mitre => ["T1550.004", "T1078.004", "T1087.004", "T1098.001", "T1537"];
    public override IReadOnlyList<string> Stratus => ["aws.persistence.iam-backdoor-user", "aws.exfiltration.ec2-share-ebs-snapshot"];
    public override string Description => "A hijacked MFA console session used a few times a day all week from one new address: IAM and secret reads, occasional refusals, a key for a dormant user, a shared snapshot and a bucket opened to an external account, each rule kept under its threshold.";

    public override bool Eligible(Principal p, PopulationModel model) =>
        p.Kind == PrincipalKind.IamUser && p.Persona is Persona.Developer or Persona.Analyst && p.HasMfa && p.Ips.Length == 1
        && p.SecondRegion is null && p.ZoneId != "Asia/Seoul" && model.Settings.Days >= 2;

    // A quiet victim cannot hide anything: ratios need a volume of normal events around them.
    public override double Preference(Principal p, double expectedNormal) => expectedNormal >= 200 ? 10 : 0.05;

    public override int Size(Random rng, double expectedNormal, GenerateSettings settings) => (int)Math.Clamp(expectedNormal * 0.15, 12, 50);

    public override void Plan(AttackContext c)
    {
        var v = c.Victim;
        var defaults = new DetectionOptions();
        var total = v.NormalEvents + c.Size;
        var normalOff = Enumerable.Range(0, v.HourCounts.Length).Where(h => IsOffHours(c.Model.HourStart(h), defaults)).Sum(h => v.HourCounts[h]);
        var sessions = Enumerable.Range(0, v.HourCounts.Length).Count(h => v.SessionStarts[h]);
        var offBudget = (int)Math.Floor(defaults.Rules.R01.Threshold * 0.9 * total) - normalOff;
        var highRisk = Math.Clamp((int)Math.Floor(defaults.Rules.R02.Threshold * 0.8 * total) - sessions, 0, 5);
        var admin = Math.Min(highRisk, (int)defaults.Rules.R07.Threshold - 2);

        var ip = Addresses.Hostile(c.Rng);
        var begins = c.LocalTime(1, 9, c.Rng.Next(0, 50));
        var identity = CallerIdentity.IamUser(c.Account, v.Name, v.UniqueId, RandomText.AwsId(c.Rng, "ASIA"), new Session(begins, true));
        var plan = Steps(c, highRisk, admin);
        var days = Math.Max(1, c.Model.Settings.Days - 1);
        for (var i = 0; i < plan.Count; i++)
        {
            var day = 1 + (i * days / plan.Count);
            var evening = offBudget > 1 && c.Rng.Chance(0.3);
            var localHour = evening ? c.Rng.Pick([19, 20]) : c.Rng.Pick([10, 11, 14, 15, 16]);
            var t = c.LocalTime(day, localHour, c.Rng.Next(0, 58)) + c.Rng.Next(0, 50);
            var (call, denied) = plan[i];
            var agent = call.Source == "s3.amazonaws.com" ? Agents.S3Console : call.Source == "ec2.amazonaws.com" ? "console.ec2.amazonaws.com" : v.Browser;
            var e = denied ? c.Denied(call, identity, v.Key, ip, agent, t) : c.Add(call, identity, ip, agent, t);
            e.SessionCredentialFromConsole = true;
            if (IsOffHours(t, defaults))
            {
                offBudget--;
            }

            if (denied && c.Remaining > 0 && i + 1 < plan.Count)
            {
                // A success right after each refusal: a run of failures is what R06 looks for.
                i++;
                var next = c.Add(plan[i].Call, identity, ip, agent, t + 1 + c.Rng.Next(0, 2));
                next.SessionCredentialFromConsole = true;
            }
        }
    }

    private static List<(ApiCall Call, bool Denied)> Steps(AttackContext c, int highRisk, int admin)
    {
        var dormant = c.Model.Resources.Users.FirstOrDefault(u => u.StartsWith("svc-", StringComparison.Ordinal)) ?? c.Model.Resources.Users[0];
        var bucket = c.Model.Resources.DataBuckets[0];
        var host = $"{bucket}.s3.{c.Victim.HomeRegion}.amazonaws.com";
        ApiCall[] reads = [IdentityCalls.ListUsers, IdentityCalls.ListRoles, IdentityCalls.GetUser, IdentityCalls.ListAttachedRolePolicies, StorageCalls.GetBucketAcl, OpsCalls.ListSecrets, OpsCalls.DescribeSecret, ComputeCalls.DescribeSnapshots, IdentityCalls.ListAccessKeys];
        ApiCall[] refused = [OpsCalls.GetSecretValue, IdentityCalls.GetAccountAuthorizationDetails, AttackCalls.Read("iam.amazonaws.com", "ListAttachedUserPolicies", $"{{\"userName\":\"{dormant}\"}}")];
        var special = new List<ApiCall>();
        if (admin >= 1)
        {
            // Re-activating a dormant user's old key, not creating one: no signature rule (R12) looks at it.
            special.Add(AttackCalls.Call("iam.amazonaws.com", "UpdateAccessKey", false, $"{{\"userName\":\"{dormant}\",\"accessKeyId\":\"{RandomText.AwsId(c.Rng, "AKIA")}\",\"status\":\"Active\"}}"));
        }

        if (admin >= 2)
        {
            special.Add(AttackCalls.Call("iam.amazonaws.com", "AddUserToGroup", false, $"{{\"groupName\":\"developers\",\"userName\":\"{dormant}\"}}"));
        }

        if (highRisk - special.Count >= 1)
        {
            // One address let in on SSH rather than a snapshot shared out: high-risk, but no signature rule (R14) fires.
            special.Add(AttackCalls.Call("ec2.amazonaws.com", "AuthorizeSecurityGroupIngress", false,
                $"{{\"groupId\":\"sg-{RandomText.HexString(c.Rng, 17)}\",\"ipPermissions\":{{\"items\":[{{\"ipProtocol\":\"tcp\",\"fromPort\":22,\"toPort\":22,\"ipRanges\":{{\"items\":[{{\"cidrIp\":\"{Addresses.Hostile(c.Rng)}/32\"}}]}}}}]}}}}",
                "{\"requestId\":\"$REQUEST_ID\",\"_return\":true}"));
        }

        if (highRisk - special.Count >= 1)
        {
            var policy = $"{{\"Version\":\"2012-10-17\",\"Statement\":[{{\"Effect\":\"Allow\",\"Principal\":{{\"AWS\":\"arn:aws:iam::{ExternalAccount}:root\"}},\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::{bucket}/*\"}}]}}";
            special.Add(AttackCalls.Call("s3.amazonaws.com", "PutBucketPolicy", false, $"{{\"bucketPolicy\":{policy},\"bucketName\":\"{bucket}\",\"Host\":\"{host}\",\"policy\":\"\"}}"));
        }

        var steps = new List<(ApiCall, bool)>();
        var specialAt = new HashSet<int>(Enumerable.Range(0, special.Count).Select(k => (k + 1) * c.Size / (special.Count + 1)));
        var s = 0;
        while (steps.Count < c.Size)
        {
            if (specialAt.Contains(steps.Count) && s < special.Count)
            {
                steps.Add((special[s++], false));
            }
            else if (steps.Count % 4 == 1 && steps.Count + 1 < c.Size)
            {
                steps.Add((refused[c.Rng.Next(refused.Length)], true));
                steps.Add((reads[c.Rng.Next(reads.Length)], false));
            }
            else
            {
                steps.Add((reads[c.Rng.Next(reads.Length)], false));
            }
        }

        return steps;
    }

    private static bool IsOffHours(long unix, DetectionOptions defaults)
    {
        var hour = DateTimeOffset.FromUnixTimeSeconds(unix).UtcDateTime.Hour;
        return hour < defaults.BusinessHoursStart || hour >= defaults.BusinessHoursEnd;
    }
}
