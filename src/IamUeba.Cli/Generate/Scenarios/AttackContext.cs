using IamUeba.Cli.Generate.Behaviour;
using IamUeba.Cli.Generate.Catalog;
using IamUeba.Cli.Generate.Population;

namespace IamUeba.Cli.Generate.Scenarios;

/// <summary>What a scenario plans with, and where its events go.</summary>
internal sealed class AttackContext
{
    private readonly long _sequenceBase;

    public AttackContext(PopulationModel model, Principal victim, Scenario scenario, int attackerIndex, int size)
    {
        Model = model;
        Victim = victim;
        Scenario = scenario;
        Size = size;
        Rng = Seeds.For(model.Settings.Seed, Seeds.Stream.Scenario, attackerIndex, victim.Index);
        Call = new CallContext { Rng = Rng, Model = model, Principal = victim, Region = victim.HomeRegion };
        _sequenceBase = (1L << 62) | ((long)attackerIndex << 24);
    }

    public PopulationModel Model { get; }
    public Principal Victim { get; }
    public Scenario Scenario { get; }
    public int Size { get; }
    public Random Rng { get; }
    public CallContext Call { get; }
    public List<TrailEvent> Events { get; } = [];

    /// <summary>Other principals the attack acted as (a role it assumed), by key.</summary>
    public SortedSet<string> Related { get; } = new(StringComparer.Ordinal);

    public string Account => Model.Account;

    public int Remaining => Size - Events.Count;

    /// <summary>A call made by the attacker, with the normal parameters of that call.</summary>
    public TrailEvent Add(ApiCall call, CallerIdentity identity, string ip, string agent, long time, string? region = null)
    {
        Call.Region = region ?? Victim.HomeRegion;
        var e = EventFactory.Create(call, Call, identity, ip, agent, time, 0);
        return Add(e);
    }

    public TrailEvent Add(TrailEvent e)
    {
        e.Sequence = _sequenceBase + Events.Count;
        Events.Add(e);
        return e;
    }

    /// <summary>The same call, failed with the service's access-denied error.</summary>
    public TrailEvent Denied(ApiCall call, CallerIdentity identity, string callerArn, string ip, string agent, long time, string? region = null)
    {
        var e = Add(call, identity, ip, agent, time, region);
        var (code, message) = Errors.AccessDenied(e, callerArn, Rng);
        EventFactory.Fail(e, code, message);
        return e;
    }

    /// <summary>A start time: the given local hour on a day after the first (a baseline exists first).</summary>
    public long LocalTime(int day, int localHour, int minute = 0)
    {
        var clock = Model.Clock(Victim);
        var hours = Model.Settings.Hours;
        for (var h = 0; h < hours; h++)
        {
            if (clock.LocalDay(h) == day && clock.LocalHour(h) == localHour)
            {
                return Model.HourStart(h) + (minute * 60);
            }
        }

        return Model.HourStart(Math.Min(hours - 1, (day * 24) + localHour)) + (minute * 60);
    }

    /// <summary>A day for the attack: not the first, so the principal has a baseline.</summary>
    public int AttackDay()
    {
        var days = Model.Settings.Days;
        return days <= 1 ? 0 : 1 + Rng.Next(days - 1);
    }

    /// <summary>The victim's IAM identity on its long-term key: what a thief holds.</summary>
    public CallerIdentity StolenKey() => CallerIdentity.IamUser(Account, Victim.Name, Victim.UniqueId, Victim.AccessKeyId, null);

    public string VictimArn => Victim.Key;
}
