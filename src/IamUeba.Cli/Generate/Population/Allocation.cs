using System.Collections;

namespace IamUeba.Cli.Generate.Population;

/// <summary>
/// Shares the normal events among principals (by weight, heavy-tailed) and spreads each share over
/// the hours by the principal's rhythm. The split is exact: the counts add up to the requested
/// total, so --events is the number of events written.
/// </summary>
internal static class Allocation
{
    public const int RootEventsPerSession = 8;
    private const int MinimumPerPrincipal = 12;

    public static void Allocate(PopulationModel model, long normalEvents)
    {
        var settings = model.Settings;
        var principals = model.Principals;
        var root = principals.Where(p => p.Persona == Persona.Root).ToList();
        var rootSessions = settings.Days > 3 ? 2 : 1;
        var others = principals.Where(p => p.Persona != Persona.Root).ToList();
        var budget = normalEvents - (root.Count * rootSessions * RootEventsPerSession) - ((long)others.Count * MinimumPerPrincipal);
        if (budget < 0)
        {
            throw new InvalidOperationException("too few events for the population; raise --events.");
        }

        var targets = Shares(others.Select(p => p.Weight).ToArray(), budget);
        for (var i = 0; i < others.Count; i++)
        {
            Spread(model, others[i], MinimumPerPrincipal + targets[i]);
        }

        foreach (var r in root)
        {
            PlaceRoot(model, r, rootSessions);
        }
    }

    /// <summary>Largest-remainder split of <paramref name="total"/> by weight.</summary>
    public static long[] Shares(double[] weights, long total)
    {
        var sum = weights.Sum();
        var shares = new long[weights.Length];
        var remainders = new (double Remainder, int Index)[weights.Length];
        long given = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            var exact = sum > 0 ? total * weights[i] / sum : (double)total / weights.Length;
            shares[i] = (long)Math.Floor(exact);
            given += shares[i];
            remainders[i] = (exact - shares[i], i);
        }

        foreach (var (_, index) in remainders.OrderByDescending(r => r.Remainder).ThenBy(r => r.Index).Take((int)(total - given)))
        {
            shares[index]++;
        }

        return shares;
    }

    /// <summary>Hour counts proportional to the rhythm: stratified, so the total is exact and every hour gets its share.</summary>
    private static void Spread(PopulationModel model, Principal p, long target)
    {
        var hours = model.Settings.Hours;
        var clock = model.Clock(p);
        var rng = Seeds.For(model.Settings.Seed, Seeds.Stream.Allocation, p.Index);
        var intensity = new double[hours];
        if (p.Persona.IsPerson())
        {
            var dayFactors = DayFactors(rng, clock, hours, target);
            for (var h = 0; h < hours; h++)
            {
                intensity[h] = Rhythm.Person(p, clock, h, dayFactors[clock.LocalDay(h)]) * rng.LogNormal(1.0, 0.6);
            }
        }
        else
        {
            var jitter = p.Persona == Persona.CiDeploy ? 0.9 : 0.25;
            for (var h = 0; h < hours; h++)
            {
                intensity[h] = Rhythm.Workload(p, clock, h) * rng.LogNormal(1.0, jitter);
            }
        }

        var sum = intensity.Sum();
        var counts = new int[hours];
        var offset = rng.NextDouble();
        var cumulative = 0.0;
        long previous = 0;
        for (var h = 0; h < hours; h++)
        {
            cumulative += intensity[h];
            var upTo = h == hours - 1 ? target : (long)Math.Floor((target * cumulative / sum) + offset);
            counts[h] = (int)Math.Max(0, upTo - previous);
            previous = Math.Max(previous, upTo);
        }

        p.HourCounts = counts;
        p.NormalEvents = counts.Sum();
        p.SessionStarts = SessionStarts(counts);
    }

    /// <summary>
    /// People are quiet because they work in the account on few days, not because each visit is
    /// tiny: a quiet person gets few active days, each with a real working session.
    /// </summary>
    private static double[] DayFactors(Random rng, ZoneClock clock, int hours, long target)
    {
        var days = clock.LocalDay(hours - 1) + 1;
        var activeChance = Math.Clamp(target / (days * 0.7 * 30.0), 0.15, 0.93);
        var factors = new double[days];
        var any = false;
        for (var d = 0; d < days; d++)
        {
            factors[d] = rng.Chance(activeChance) ? rng.LogNormal(1.0, 0.35) : 0;
            any |= factors[d] > 0;
        }

        if (!any)
        {
            factors[rng.Next(days)] = 1.0;
        }

        // Weekends are damped by the rhythm itself; a day with every hour at zero still needs a fallback.
        return factors;
    }

    /// <summary>A working session starts at an active hour after six quiet ones.</summary>
    public static BitArray SessionStarts(int[] counts)
    {
        var starts = new BitArray(counts.Length);
        var lastActive = int.MinValue / 2;
        for (var h = 0; h < counts.Length; h++)
        {
            if (counts[h] == 0)
            {
                continue;
            }

            if (h - lastActive > 6)
            {
                starts[h] = true;
            }

            lastActive = h;
        }

        return starts;
    }

    /// <summary>Root signs in once or twice in the week, mid-morning in New York, for a few billing and account pages.</summary>
    private static void PlaceRoot(PopulationModel model, Principal root, int sessions)
    {
        var clock = model.Clock(root);
        var counts = new int[model.Settings.Hours];
        int[] days = sessions == 2 ? [1, Math.Min(4, model.Settings.Days - 1)] : [0];
        foreach (var day in days)
        {
            var hour = Enumerable.Range(0, counts.Length).FirstOrDefault(h => clock.LocalDay(h) == day && clock.LocalHour(h) == 10, -1);
            if (hour < 0)
            {
                hour = Math.Min(counts.Length - 1, (day * 24) + 15);
            }

            counts[hour] += RootEventsPerSession;
        }

        root.HourCounts = counts;
        root.NormalEvents = counts.Sum();
        root.SessionStarts = SessionStarts(counts);
    }
}
