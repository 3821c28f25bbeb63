using System.Globalization;

namespace IamUeba.Cli.Evaluate;

/// <summary>One population size to evaluate: principals, events over the week, labelled attackers.</summary>
internal sealed record PopulationSpec(int Principals, long Events, int Attackers)
{
    /// <summary>The sizes of docs/detection-quality.md: events per principal as in a real account's week.</summary>
    public static readonly IReadOnlyList<PopulationSpec> Defaults = [new(50, 12_000, 9), new(500, 120_000, 10)];

    /// <summary>"PRINCIPALS:EVENTS:ATTACKERS", e.g. 500:120000:10.</summary>
    public static bool TryParse(string text, out PopulationSpec spec)
    {
        spec = null!;
        var parts = text.Split(':');
        if (parts.Length == 3
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var principals)
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var events)
            && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var attackers))
        {
            spec = new PopulationSpec(principals, events, attackers);
            return true;
        }

        return false;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Principals}:{Events}:{Attackers}");
}
