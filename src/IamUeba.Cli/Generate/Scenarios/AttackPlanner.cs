using IamUeba.Cli.Generate.Population;

namespace IamUeba.Cli.Generate.Scenarios;

/// <summary>
/// Picks the attackers from the population (their normal behaviour goes on) and plans their
/// scenarios, cycling through the catalogue. Victims and sizes are chosen before the normal
/// events are shared out, so the total stays exactly --events.
/// </summary>
internal sealed class AttackPlanner
{
    private readonly List<(Scenario Scenario, Principal Victim, int Size, int Index)> _chosen = [];

    public static AttackPlanner Choose(PopulationModel model)
    {
        var settings = model.Settings;
        var planner = new AttackPlanner();
        var rng = Seeds.For(settings.Seed, Seeds.Stream.Victims);
        var totalWeight = model.Principals.Sum(p => p.Weight);
        double Expected(Principal p) => totalWeight <= 0 ? 0 : settings.Events * 0.97 * p.Weight / totalWeight;
        for (var k = 0; k < settings.Attackers; k++)
        {
            var scenario = ScenarioCatalog.All[k % ScenarioCatalog.All.Count];
            var candidates = model.Principals.Where(p => !p.IsAttacker && scenario.Eligible(p, model)).ToList();
            if (candidates.Count == 0)
            {
                candidates = model.Principals.Where(p => !p.IsAttacker && p.Kind == PrincipalKind.IamUser && p.Persona.IsPerson()).ToList();
            }

            if (candidates.Count == 0)
            {
                throw new InvalidOperationException($"no principal left to run {scenario.Name}; use fewer --attackers or more --principals.");
            }

            var victim = rng.PickWeighted(candidates, p => scenario.Preference(p, Expected(p)));
            victim.IsAttacker = true;
            var size = scenario.Size(Seeds.For(settings.Seed, Seeds.Stream.Scenario, k, -1), Expected(victim), settings);
            planner._chosen.Add((scenario, victim, size, k));
        }

        return planner;
    }

    public long TotalSize => _chosen.Sum(c => (long)c.Size);

    /// <summary>Plans every attack once the normal events are allocated; returns the events (by time) and the labels.</summary>
    public (List<TrailEvent> Events, List<AttackLabel> Labels) Plan(PopulationModel model)
    {
        var events = new List<TrailEvent>();
        var labels = new List<AttackLabel>();
        foreach (var (scenario, victim, size, index) in _chosen)
        {
            var context = new AttackContext(model, victim, scenario, index, size);
            scenario.Plan(context);
            if (context.Events.Count != size)
            {
                throw new InvalidOperationException($"{scenario.Name} planned {context.Events.Count} events, not {size}: a generator bug.");
            }

            // An attack never spills outside the period: every planned event is written.
            var first = model.Settings.StartUnix;
            var last = model.HourStart(model.Settings.Hours - 1) + 3599;
            foreach (var e in context.Events)
            {
                e.Time = Math.Clamp(e.Time, first, last);
            }

            events.AddRange(context.Events);
            labels.Add(new AttackLabel(
                victim.Key,
                victim.Kind == PrincipalKind.Role ? "AssumedRole" : "IAMUser",
                scenario.Name,
                scenario.Mitre,
                scenario.Stratus,
                scenario.Description,
                context.Events.Min(e => e.Time),
                context.Events.Max(e => e.Time),
                [.. context.Events.OrderBy(e => e.Time).ThenBy(e => e.Sequence).Select(e => e.EventId)],
                [.. context.Events.Select(e => e.SourceIp).Where(ip => char.IsDigit(ip[0])).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
                [.. context.Related]));
        }

        events.Sort(EventOrder.Ascending);
        return (events, labels);
    }
}
