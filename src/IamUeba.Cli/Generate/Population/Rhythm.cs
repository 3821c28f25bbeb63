namespace IamUeba.Cli.Generate.Population;

/// <summary>
/// Expected activity of a principal in one hour, before scaling to its share of events. People
/// follow a working day in their time zone (a lunch dip, quiet evenings, weekends nearly empty,
/// a day off now and then); workloads run around the clock; CI follows the people who push.
/// </summary>
internal static class Rhythm
{
    // Local hour 0..23 of a weekday for a 09:00 starter.
    private static readonly double[] WorkingDay =
    [
        0.004, 0.002, 0.002, 0.002, 0.002, 0.004, 0.01, 0.08,
        0.5, 1.0, 1.0, 0.95, 0.45, 0.8, 1.0, 0.95,
        0.85, 0.55, 0.22, 0.08, 0.06, 0.05, 0.02, 0.01,
    ];

    public static double Person(Principal p, ZoneClock clock, int hourIndex, double dayFactor)
    {
        var local = ((clock.LocalHour(hourIndex) - p.ShiftHours) % 24 + 24) % 24;
        var value = WorkingDay[local] * dayFactor;
        if (clock.IsWeekend(hourIndex))
        {
            // Ops people are on call; everyone else looks in rarely.
            value *= p.Persona == Persona.Ops ? 0.08 : 0.03;
        }

        return value;
    }

    public static double Workload(Principal p, ZoneClock clock, int hourIndex)
    {
        switch (p.Persona)
        {
            case Persona.CiDeploy:
                // Scheduled jobs all day, deploys when the team works.
                var work = WorkingDay[clock.LocalHour(hourIndex)] * (clock.IsWeekend(hourIndex) ? 0.05 : 1.0);
                return 0.12 + work;
            case Persona.LegacyService:
                // A nightly cron plus a trickle of polling.
                return clock.LocalHour(hourIndex) is 2 or 3 ? 4.0 : 0.25;
            default:
                // Customer traffic: a gentle daily swing around a steady base.
                var angle = (clock.LocalHour(hourIndex) - 15) / 24.0 * 2 * Math.PI;
                return 1.0 + (0.35 * Math.Cos(angle));
        }
    }
}
