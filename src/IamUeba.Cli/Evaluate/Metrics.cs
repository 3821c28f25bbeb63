using IamUeba.Core.Risk;

namespace IamUeba.Cli.Evaluate;

/// <summary>How many principals a detector selected and how many of them are attackers.</summary>
internal readonly record struct Selection(int Selected, int Hits, int Attackers)
{
    /// <summary>Attackers selected / all selected; null when nothing was selected.</summary>
    public double? Precision => Selected == 0 ? null : (double)Hits / Selected;

    public double? Recall => Attackers == 0 ? null : (double)Hits / Attackers;

    public static Selection operator +(Selection a, Selection b) => new(a.Selected + b.Selected, a.Hits + b.Hits, a.Attackers + b.Attackers);
}

/// <summary>
/// The measures of docs/detection-quality.md for one run: rules alone (HIGH+ without the ML
/// points), ML alone (flagged), combined (the answer's HIGH or CRITICAL), the ML top 15, and how
/// many normal principals (not in the labels) were flagged or raised to HIGH+.
/// </summary>
internal sealed record RunMetrics(Selection Rules, Selection Ml, Selection Combined, int Top15, int Normal, int NormalFlagged, int RulesNoise, int CombinedNoise, int CombinedOtherFalse)
{
    public const int TopN = 15;

    public static RunMetrics Of(RunOutcome run)
    {
        var attackers = run.Attackers.Count;
        Selection Select(Func<PrincipalOutcome, bool> selected) =>
            new(run.Principals.Count(selected), run.Principals.Count(o => o.IsAttacker && selected(o)), attackers);

        var normal = run.Principals.Where(o => !o.IsAttacker).ToList();
        return new RunMetrics(
            Select(o => o.RulesLevel >= RiskLevel.HIGH),
            Select(o => o.Flagged),
            Select(o => o.Level >= RiskLevel.HIGH),
            run.Attackers.Count(a => a.MlRank <= TopN),
            normal.Count,
            normal.Count(o => o.Flagged),
            normal.Count(o => o.RulesLevel >= RiskLevel.HIGH && o.IsKnownNoise),
            normal.Count(o => o.Level >= RiskLevel.HIGH && o.IsKnownNoise),
            normal.Count(o => o.Level >= RiskLevel.HIGH && !o.IsKnownNoise));
    }

    public double NormalFlagRate => Normal == 0 ? 0 : (double)NormalFlagged / Normal;

    public static RunMetrics operator +(RunMetrics a, RunMetrics b) => new(
        a.Rules + b.Rules, a.Ml + b.Ml, a.Combined + b.Combined, a.Top15 + b.Top15, a.Normal + b.Normal, a.NormalFlagged + b.NormalFlagged,
        a.RulesNoise + b.RulesNoise, a.CombinedNoise + b.CombinedNoise, a.CombinedOtherFalse + b.CombinedOtherFalse);
}
