using IamUeba.Cli.Generate.Catalog;
using IamUeba.Cli.Generate.Population;

namespace IamUeba.Cli.Generate.Behaviour;

/// <summary>
/// The events of one principal in one hour, made in time order: bursts (a CLI command, a console
/// page) of calls to one service a second or two apart, occasional benign errors, never more than
/// two failures in a row.
/// </summary>
internal sealed class HourWriter
{
    private const int MaxFailureRun = 2;

    private readonly List<TrailEvent> _sink;
    private readonly long _sequenceBase;
    private int _made;
    private int _failureRun;

    public HourWriter(PopulationModel model, Principal principal, int hour, List<TrailEvent> sink)
    {
        Model = model;
        Principal = principal;
        Hour = hour;
        _sink = sink;
        Rng = Seeds.For(model.Settings.Seed, Seeds.Stream.PrincipalHour, principal.Index, hour);
        Context = new CallContext { Rng = Rng, Model = model, Principal = principal, Region = principal.HomeRegion };
        HourStart = model.HourStart(hour);
        _sequenceBase = ((long)principal.Index << 32) | ((long)hour << 12);
    }

    public PopulationModel Model { get; }
    public Principal Principal { get; }
    public int Hour { get; }
    public Random Rng { get; }
    public CallContext Context { get; }
    public long HourStart { get; }
    public int Made => _made;

    /// <summary>Burst start times in [from, hour end), sorted; each burst has its length.</summary>
    public List<(long Start, int Length)> Bursts(int events, long from, Func<int> length)
    {
        var bursts = new List<(long, int)>();
        var left = events;
        var span = (int)Math.Max(1, HourStart + 3600 - from - 5);
        while (left > 0)
        {
            var n = Math.Min(left, length());
            bursts.Add((from + Rng.Next(span), n));
            left -= n;
        }

        bursts.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        return bursts;
    }

    /// <summary>Makes one call's event and applies the error policy; returns it for further touches.</summary>
    public TrailEvent Call(ApiCall call, CallerIdentity identity, string ip, string agent, long time, string callerArn, double deniedRate = 0.004, double throttleRate = 0.0015)
    {
        time = Math.Min(time, HourStart + 3599);
        var e = EventFactory.Create(call, Context, identity, ip, agent, time, _sequenceBase + _made);
        if (_failureRun < MaxFailureRun)
        {
            if (call.BenignError is not null && Rng.Chance(call.BenignRate))
            {
                EventFactory.Fail(e, call.BenignError, call.BenignMessage);
            }
            else if (Rng.Chance(deniedRate))
            {
                var (code, message) = Errors.AccessDenied(e, callerArn, Rng);
                EventFactory.Fail(e, code, message);
            }
            else if (Rng.Chance(throttleRate))
            {
                var (code, message) = Errors.Throttled(e);
                EventFactory.Fail(e, code, message);
            }
        }

        return Add(e);
    }

    /// <summary>Adds an event made elsewhere (sign-ins, service events), keeping the failure run.</summary>
    public TrailEvent Add(TrailEvent e)
    {
        e.Sequence = _sequenceBase + _made;
        _failureRun = e.ErrorCode is null ? 0 : _failureRun + 1;
        _made++;
        _sink.Add(e);
        return e;
    }

    public long NextSequence() => _sequenceBase + _made;
}
