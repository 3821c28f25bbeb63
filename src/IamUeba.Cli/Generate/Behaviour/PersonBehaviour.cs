using IamUeba.Cli.Generate.Catalog;
using IamUeba.Cli.Generate.Population;

namespace IamUeba.Cli.Generate.Behaviour;

/// <summary>
/// People: a working session opens with a console sign-in (mostly with MFA) or a CLI session, then
/// bursts of calls from the persona's mix, from the session's address, in the home region (some
/// ops and auditors also touch a second region). High-risk calls only ever come from an MFA-backed
/// identity.
/// </summary>
internal sealed class PersonBehaviour(PopulationModel model, Sessions sessions)
{
    public void Generate(Principal p, int hour, List<TrailEvent> sink)
    {
        var count = p.HourCounts[hour];
        if (count == 0)
        {
            return;
        }

        var w = new HourWriter(model, p, hour, sink);
        var session = sessions.For(p, hour);
        var from = w.HourStart;
        if (session.StartHour == hour)
        {
            from = session.Begins + 1;
            Opening(w, session);
        }

        var mix = Mixes.For(p.Persona);
        var remaining = count - w.Made;
        foreach (var (start, length) in w.Bursts(remaining, from, () => w.Rng.Geometric(3)))
        {
            var service = w.Rng.PickWeighted(mix, s => s.Weight).Item;
            var inConsole = session.Console && w.Rng.Chance(0.75);
            var region = p.SecondRegion is not null && w.Rng.Chance(0.2) ? p.SecondRegion : p.HomeRegion;
            var time = start;
            for (var i = 0; i < length; i++)
            {
                var call = w.Rng.PickWeighted(service.Calls, c => c.Weight).Item;
                var identity = inConsole ? session.ConsoleIdentity : session.CliIdentity;
                var console = inConsole;
                if (call.NeedsMfa && !HasMfa(p, session, inConsole))
                {
                    if (session.Console && ConsoleHasMfa(p))
                    {
                        identity = session.ConsoleIdentity;
                        console = true;
                    }
                    else
                    {
                        call = service.Calls.First(c => !c.Item.NeedsMfa).Item;
                    }
                }

                w.Context.Region = region;
                var (ip, agent) = console ? ConsoleOrigin(w, p, session, call) : (session.Ip, Agents.CliCommand(p.Agent, call.Source, call.Name));
                var e = w.Call(call, identity, ip, agent, time, CallerArn(p));
                e.SessionCredentialFromConsole = console && p.Kind != PrincipalKind.IdentityCenter;
                time += w.Rng.Next(0, 3);
            }
        }
    }

    private void Opening(HourWriter w, PersonSession session)
    {
        var p = w.Principal;
        if (session.Console)
        {
            var login = p.Kind switch
            {
                PrincipalKind.IdentityCenter => SignIns.IdentityCenter(model, p, w.Rng, session.Begins, session.Ip, p.Browser, session.Begins),
                _ => SignIns.IamUser(model, p, w.Rng, session.Begins, session.Ip, p.Browser, success: true, mfaUsed: p.HasMfa),
            };
            w.Add(login);
        }
        else if (session.CliHasMfa)
        {
            w.Add(SignIns.SessionToken(model, p, w.Rng, session.Begins, session.Ip, p.Agent, session.CliSessionKey));
        }
    }

    private static bool HasMfa(Principal p, PersonSession session, bool console) =>
        p.Kind == PrincipalKind.IdentityCenter || (console ? ConsoleHasMfa(p) : session.CliHasMfa);

    private static bool ConsoleHasMfa(Principal p) => p.HasMfa && p.Kind == PrincipalKind.IamUser;

    private static (string Ip, string Agent) ConsoleOrigin(HourWriter w, Principal p, PersonSession session, ApiCall call)
    {
        if (w.Rng.Chance(0.04))
        {
            return (Agents.AwsInternal, Agents.AwsInternal);
        }

        return call.Source switch
        {
            "ec2.amazonaws.com" => (session.Ip, "console.ec2.amazonaws.com"),
            "s3.amazonaws.com" => (session.Ip, Agents.S3Console),
            _ => (session.Ip, p.Browser),
        };
    }

    public static string CallerArn(Principal p) => p.Kind switch
    {
        PrincipalKind.IdentityCenter => $"arn:aws:sts::{p.Key.Split(':')[4]}:assumed-role/{p.RoleName}/{p.Name}",
        _ => p.Key,
    };
}
