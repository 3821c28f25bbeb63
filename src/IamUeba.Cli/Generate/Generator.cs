using IamUeba.Cli.Generate.Behaviour;
using IamUeba.Cli.Generate.Output;
using IamUeba.Cli.Generate.Population;
using IamUeba.Cli.Generate.Scenarios;

namespace IamUeba.Cli.Generate;

/// <summary>
/// Builds the population, plans the attacks, then walks the hours: each hour's events from every
/// principal are made, merged with the attacks of that hour, sorted and written before the next
/// hour starts. Memory holds the population and one hour, whatever --events is.
/// </summary>
internal static class Generator
{
    public static async Task<GenerateResult> RunAsync(GenerateSettings settings, Stream? stdout, CancellationToken cancellationToken)
    {
        var model = PopulationBuilder.Build(settings);
        var planner = AttackPlanner.Choose(model);
        var normal = settings.Events - planner.TotalSize;
        if (normal < (long)settings.Principals * GenerateSettings.MinimumEventsPerPrincipal / 2)
        {
            throw new InvalidOperationException($"--events {settings.Events} leaves too few normal events beside {planner.TotalSize} attack events; raise --events or lower --attackers.");
        }

        Allocation.Allocate(model, normal);
        var (attacks, labels) = planner.Plan(model);

        await using var output = Open(settings, model, stdout);
        var sessions = new Sessions(model);
        var people = new PersonBehaviour(model, sessions);
        var workloads = new WorkloadBehaviour(model);
        var root = new RootBehaviour(model, sessions);
        var newestFirst = settings.Format == OutputFormat.Lookup;
        var order = newestFirst ? EventOrder.Descending : EventOrder.Ascending;
        var hourEvents = new List<TrailEvent>(4096);
        for (var step = 0; step < settings.Hours; step++)
        {
            var hour = newestFirst ? settings.Hours - 1 - step : step;
            hourEvents.Clear();
            foreach (var p in model.Principals)
            {
                if (p.Persona.IsPerson())
                {
                    people.Generate(p, hour, hourEvents);
                }
                else if (p.Persona == Persona.Root)
                {
                    root.Generate(p, hour, hourEvents);
                }
                else
                {
                    workloads.Generate(p, hour, hourEvents);
                }
            }

            AddAttacks(attacks, model.HourStart(hour), hourEvents);
            hourEvents.Sort(order);
            await output.WriteHourAsync(hour, hourEvents, cancellationToken).ConfigureAwait(false);
        }

        await output.CompleteAsync(cancellationToken).ConfigureAwait(false);
        return new GenerateResult(model, labels, output.Stats);
    }

    private static void AddAttacks(List<TrailEvent> attacks, long hourStart, List<TrailEvent> sink)
    {
        var from = LowerBound(attacks, hourStart);
        for (var i = from; i < attacks.Count && attacks[i].Time < hourStart + 3600; i++)
        {
            sink.Add(attacks[i]);
        }
    }

    private static int LowerBound(List<TrailEvent> sorted, long time)
    {
        int lo = 0, hi = sorted.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (sorted[mid].Time < time)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private static IEventOutput Open(GenerateSettings settings, PopulationModel model, Stream? stdout)
    {
        if (settings.SplitHourly)
        {
            return new SplitHourlyOutput(settings.Out!, model.Account, settings.Seed, settings.Gzip);
        }

        if (settings.ToStdout)
        {
            return new SingleFileOutput(stdout ?? Console.OpenStandardOutput(), ownsTarget: false, settings.Format, settings.Gzip);
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(settings.Out!));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        return new SingleFileOutput(new FileStream(settings.Out!, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16), ownsTarget: true, settings.Format, settings.Gzip);
    }
}

internal sealed record GenerateResult(PopulationModel Model, IReadOnlyList<AttackLabel> Labels, OutputStats Stats);
