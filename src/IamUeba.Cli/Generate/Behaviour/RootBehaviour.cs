using IamUeba.Cli.Generate.Catalog;
using IamUeba.Cli.Generate.Population;

namespace IamUeba.Cli.Generate.Behaviour;

/// <summary>The root user: a console sign-in with MFA from the office and a few billing and account pages.</summary>
internal sealed class RootBehaviour(PopulationModel model, Sessions sessions)
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
        w.Add(SignIns.Root(model, w.Rng, session.Begins, session.Ip, p.Browser));
        var time = session.Begins + 20;
        while (w.Made < count)
        {
            var call = w.Rng.PickWeighted(Mixes.Root, c => c.Weight).Item;
            w.Context.Region = "us-east-1";
            var e = w.Call(call, session.ConsoleIdentity, session.Ip, p.Browser, time, p.Key, 0, 0);
            e.SessionCredentialFromConsole = true;
            time += w.Rng.Next(5, 90);
        }
    }
}
