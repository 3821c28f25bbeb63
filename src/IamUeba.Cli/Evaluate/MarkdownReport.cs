using System.Globalization;
using System.Text;
using IamUeba.Core.Risk;

namespace IamUeba.Cli.Evaluate;

/// <summary>Markdown tables for docs/detection-quality.md. No times in them: the same runs print the same bytes.</summary>
internal static class MarkdownReport
{
    public static string Runs(PopulationSpec spec, IReadOnlyList<RunOutcome> runs)
    {
        var text = new StringBuilder();
        Line(text, $"### {spec.Principals} principals, {spec.Events} events, {spec.Attackers} attackers ({runs[0].Variant.Name})");
        text.AppendLine();
        text.AppendLine("| seed | rules P / R | ML P / R | ML top 15 | normal flagged | combined P / R | normal at HIGH+ (R11/R12 noise + other) |");
        text.AppendLine("|---|---|---|---|---|---|---|");
        RunMetrics? total = null;
        foreach (var run in runs)
        {
            var m = RunMetrics.Of(run);
            total = total is null ? m : total + m;
            Row(text, run.Seed.ToString(CultureInfo.InvariantCulture), m, run.Ml.Ran ? null : "ML did not run");
        }

        Row(text, runs.Count == 1 ? "all" : $"all {runs.Count} (pooled; top 15 averaged)", total!, null, runs.Count);
        text.AppendLine();
        text.AppendLine(Ranks(runs));
        text.AppendLine(Noise(runs));
        text.AppendLine();
        text.AppendLine(Flagged(runs[0]));
        return text.ToString();
    }

    /// <summary>The normal principals the ML layer ranks highest in one run, with its reasons: what the model finds odd among the innocent.</summary>
    public static string Flagged(RunOutcome run, int count = 5)
    {
        var text = new StringBuilder();
        Line(text, $"Highest-scoring normal principals, seed {run.Seed}:");
        text.AppendLine();
        foreach (var o in run.Principals.Where(o => !o.IsAttacker && o.MlRank is not null).OrderBy(o => o.MlRank).Take(count))
        {
            Line(text, $"- rank {o.MlRank}{(o.Flagged ? " (flagged)" : string.Empty)}, {Kind(o.Key)} `{o.Key[(o.Key.LastIndexOf(':') + 1)..]}`, {o.Level}: {o.Why}");
        }

        return text.ToString();
    }

    /// <summary>Normal principals at HIGH or above, by the rules that took them there.</summary>
    public static string Noise(IReadOnlyList<RunOutcome> runs)
    {
        var normal = runs.SelectMany(r => r.Principals).Where(o => !o.IsAttacker && o.Level >= RiskLevel.HIGH).ToList();
        if (normal.Count == 0)
        {
            return "No normal principal reached HIGH.";
        }

        var groups = normal
            .GroupBy(o => string.Join(" ", o.Rules.Select(id => id[..3])) + (o.Flagged ? " + ML" : string.Empty))
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Count()} × {g.Key} ({string.Join(", ", g.Select(o => Kind(o.Key)).Distinct())})"));
        return $"Normal principals at HIGH or above, all seeds: {string.Join("; ", groups)}.";
    }

    private static string Kind(string key) =>
        key.EndsWith(":root", StringComparison.Ordinal) ? "root"
        : key.Contains(":role/AWSReservedSSO_", StringComparison.Ordinal) ? "Identity Center user"
        : key.Contains(":role/", StringComparison.Ordinal) ? "role"
        : "IAM user";

    /// <summary>Each attacker's ML rank and final level, one row per attacker index (the k-th runs scenario k mod 9).</summary>
    public static string Ranks(IReadOnlyList<RunOutcome> runs)
    {
        var text = new StringBuilder();
        text.Append("| attacker | ");
        text.AppendJoin(" | ", runs.Select(r => string.Create(CultureInfo.InvariantCulture, $"seed {r.Seed}")));
        text.AppendLine(" |");
        text.Append("|---|");
        text.AppendJoin(string.Empty, runs.Select(_ => "---|"));
        text.AppendLine();
        var count = runs.Max(r => r.Attackers.Count);
        for (var k = 0; k < count; k++)
        {
            var scenario = runs.Select(r => k < r.Attackers.Count ? r.Attackers[k].Scenario : null).FirstOrDefault(s => s is not null);
            text.Append(string.Create(CultureInfo.InvariantCulture, $"| {k + 1}. {scenario} | "));
            text.AppendJoin(" | ", runs.Select(r => k < r.Attackers.Count ? Cell(r.Attackers[k]) : string.Empty));
            text.AppendLine(" |");
        }

        text.AppendLine();
        text.AppendLine("Cells: ML rank (of all principals, highest score first; `*` flagged) · final level · rules that fired.");
        return text.ToString();
    }

    /// <summary>One line per variant: the measures that decide between them, pooled over seeds.</summary>
    public static string Variants(PopulationSpec spec, IReadOnlyList<IReadOnlyList<RunOutcome>> byVariant)
    {
        var text = new StringBuilder();
        Line(text, $"### Variants on {spec.Principals} principals, {spec.Events} events, {spec.Attackers} attackers, seeds {string.Join(",", byVariant[0].Select(r => r.Seed))}");
        text.AppendLine();
        text.AppendLine("| variant | features | ML top 15 (avg) | normal flagged | ML P / R | combined P / R | mean attacker rank | worst rank per scenario |");
        text.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var runs in byVariant)
        {
            var m = runs.Select(RunMetrics.Of).Aggregate((a, b) => a + b);
            var ranks = runs.SelectMany(r => r.Attackers).Where(a => a.MlRank is not null).ToList();
            var worst = ranks.GroupBy(a => a.Scenario!).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => string.Create(CultureInfo.InvariantCulture, $"{Short(g.Key)} {g.Max(a => a.MlRank)}"));
            Line(text, $"| {runs[0].Variant.Name} | {runs[0].Variant.Features.Count} | {(double)m.Top15 / runs.Count:0.0} | {Percent(m.NormalFlagRate)} | {Pr(m.Ml)} | {Pr(m.Combined)} | {(ranks.Count == 0 ? 0 : ranks.Average(a => a.MlRank!.Value)):0.0} | {string.Join(", ", worst)} |");
        }

        return text.ToString();
    }

    private static void Row(StringBuilder text, string label, RunMetrics m, string? note, int runs = 1)
    {
        var top = runs == 1 ? m.Top15.ToString(CultureInfo.InvariantCulture) : ((double)m.Top15 / runs).ToString("0.0", CultureInfo.InvariantCulture);
        var attackers = m.Rules.Attackers / runs;
        Line(text, $"| {label} | {Pr(m.Rules)} | {(note ?? Pr(m.Ml))} | {top}/{attackers} | {m.NormalFlagged}/{m.Normal} ({Percent(m.NormalFlagRate)}) | {Pr(m.Combined)} | {m.CombinedNoise} + {m.CombinedOtherFalse} |");
    }

    private static string Cell(PrincipalOutcome a)
    {
        var rank = a.MlRank is { } r ? r.ToString(CultureInfo.InvariantCulture) + (a.Flagged ? "*" : string.Empty) : "–";
        var rules = a.Rules.Count == 0 ? "no rule" : string.Join(" ", a.Rules.Select(id => id[..3]));
        return $"{rank} · {a.Level} · {rules}";
    }

    private static string Pr(Selection s) =>
        string.Create(CultureInfo.InvariantCulture, $"{Fraction(s.Precision)} ({s.Hits}/{s.Selected}) / {Fraction(s.Recall)} ({s.Hits}/{s.Attackers})");

    private static string Fraction(double? value) => value is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "–";

    private static string Percent(double value) => (100 * value).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static string Short(string scenario) => scenario switch
    {
        "brute-force-console-sign-in" => "brute",
        "permission-enumeration" => "enum",
        "privilege-escalation" => "privesc",
        "persistence" => "persist",
        "defence-evasion" => "evasion",
        "multi-region-resource-abuse" => "regions",
        "data-exposure-exfiltration" => "exfil",
        "stolen-key-new-addresses" => "stolenkey",
        "low-and-slow" => "lowslow",
        _ => scenario,
    };

    private static void Line(StringBuilder text, FormattableString line) => text.AppendLine(line.ToString(CultureInfo.InvariantCulture));
}
