using IamUeba.Cli.Generate.Catalog;
using IamUeba.Cli.Generate.Population;

namespace IamUeba.Cli.Generate.Behaviour;

/// <summary>
/// Workloads: role sessions named by instance, task or function, from private VPC addresses, in one
/// region, around the clock. Credentials rotate every six hours, and the AWS service that delivers
/// them records its own AssumeRole (an AWSService event). A CI role's CloudFormation deploys now
/// and then touch IAM, recorded with invokedBy cloudformation.amazonaws.com.
/// </summary>
internal sealed class WorkloadBehaviour(PopulationModel model)
{
    private const int RotationHours = 6;

    public void Generate(Principal p, int hour, List<TrailEvent> sink)
    {
        var count = p.HourCounts[hour];
        if (count == 0)
        {
            return;
        }

        var w = new HourWriter(model, p, hour, sink);
        var (identity, session, key, created) = Identity(p, hour);
        var from = w.HourStart;
        if (p.Kind == PrincipalKind.Role && count >= 2 && FirstActiveInBlock(p, hour))
        {
            from = created + 1;
            w.Add(ServiceAssumeRole(w, p, session, key, created));
        }

        var mix = Mixes.For(p.Persona);
        var caller = p.Kind == PrincipalKind.Role ? Arns.AssumedRole(model.Account, p.RoleName!, session) : p.Key;
        var ip = p.Ips[w.Rng.Next(p.Ips.Length)];
        var cfnFollowUps = 0;
        foreach (var (start, length) in w.Bursts(count - w.Made, from, () => w.Rng.Geometric(2)))
        {
            var service = w.Rng.PickWeighted(mix, s => s.Weight).Item;
            var time = start;
            for (var i = 0; i < length; i++)
            {
                if (cfnFollowUps > 0)
                {
                    cfnFollowUps--;
                    CloudFormationIam(w, p, session, key, created, time);
                }
                else
                {
                    var call = w.Rng.PickWeighted(service.Calls, c => c.Weight).Item;
                    var agent = p.Agent.StartsWith("aws-cli/", StringComparison.Ordinal) ? Agents.CliCommand(p.Agent, call.Source, call.Name) : p.Agent;
                    var e = w.Call(call, identity, ip, agent, time, caller, deniedRate: 0.001, throttleRate: 0.003);
                    if (call == OpsCalls.ExecuteChangeSet && e.ErrorCode is null && w.Rng.Chance(0.12))
                    {
                        cfnFollowUps = w.Rng.Next(1, 4);
                    }
                }

                time += w.Rng.Next(0, 2);
            }
        }
    }

    private (CallerIdentity Identity, string Session, string Key, long Created) Identity(Principal p, int hour)
    {
        var block = hour / RotationHours;
        var rng = Seeds.For(model.Settings.Seed, Seeds.Stream.PrincipalDay, p.Index, block);

        // Credentials are delivered when the block's first active hour begins, so the delivery event falls in that hour.
        var first = block * RotationHours;
        while (first < hour && p.HourCounts[first] == 0)
        {
            first++;
        }

        var created = model.HourStart(first) + rng.Next(0, 600);
        if (p.Kind == PrincipalKind.IamUser)
        {
            return (CallerIdentity.IamUser(model.Account, p.Name, p.UniqueId, p.AccessKeyId, null), p.Name, p.AccessKeyId!, created);
        }

        var session = p.SessionNames[rng.Next(p.SessionNames.Length)];
        var key = RandomText.AwsId(rng, "ASIA");
        var id = CallerIdentity.AssumedRole(model.Account, p.RoleName!, p.UniqueId, session, key, new Session(created, false), ec2RoleDelivery: session.StartsWith("i-", StringComparison.Ordinal));
        return (id, session, key, created);
    }

    private static bool FirstActiveInBlock(Principal p, int hour)
    {
        for (var h = hour - 1; h >= hour - (hour % RotationHours); h--)
        {
            if (p.HourCounts[h] > 0)
            {
                return false;
            }
        }

        return true;
    }

    private TrailEvent ServiceAssumeRole(HourWriter w, Principal p, string session, string key, long created)
    {
        var service = p.Persona switch
        {
            Persona.LambdaFunction => "lambda.amazonaws.com",
            _ when session.StartsWith("i-", StringComparison.Ordinal) => "ec2.amazonaws.com",
            _ => "ecs-tasks.amazonaws.com",
        };
        var role = Arns.Role(model.Account, p.RoleName!);
        return new TrailEvent
        {
            Identity = CallerIdentity.AwsService(service),
            EventVersion = "1.08",
            EventSource = "sts.amazonaws.com",
            EventName = "AssumeRole",
            Region = p.HomeRegion,
            SourceIp = service,
            UserAgent = service,
            RequestParameters = $"{{\"roleArn\":\"{role}\",\"roleSessionName\":\"{session}\"}}",
            ResponseElements = $"{{\"credentials\":{Json.Credentials(w.Rng, key, created + 21600)},\"assumedRoleUser\":{{\"assumedRoleId\":\"{p.UniqueId}:{session}\",\"arn\":\"{Arns.AssumedRole(model.Account, p.RoleName!, session)}\"}}}}",
            RequestId = RandomText.Uuid(w.Rng),
            EventId = RandomText.Uuid(w.Rng),
            ReadOnly = true,
            Resources = Json.Resource("AWS::IAM::Role", role, model.Account),
            RecipientAccountId = model.Account,
            SharedEventId = RandomText.Uuid(w.Rng),
            Time = created,
            LookupResources = [("AWS::IAM::Role", role)],
        };
    }

    private void CloudFormationIam(HourWriter w, Principal p, string session, string key, long created, long time)
    {
        var call = w.Rng.Chance(0.6) ? IdentityCalls.GetRole : w.Rng.Chance(0.7) ? IdentityCalls.PutRolePolicy : IdentityCalls.CreateRole;
        var identity = CallerIdentity.AssumedRole(model.Account, p.RoleName!, p.UniqueId, session, key, new Session(created, false), invokedBy: "cloudformation.amazonaws.com");
        var e = w.Call(call, identity, "cloudformation.amazonaws.com", "cloudformation.amazonaws.com", time, Arns.AssumedRole(model.Account, p.RoleName!, session), 0, 0);
        e.TlsHost = null;
    }
}
