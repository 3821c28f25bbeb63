using IamUeba.Core;
using IamUeba.Core.Risk;
using IamUeba.Core.Scoring;

namespace IamUeba.Cli.Evaluate;

/// <summary>Scores a labelled population with one ML variant and merges as the answer does.</summary>
internal static class Evaluator
{
    public static RunOutcome Score(LabelledPopulation population, Variant variant, LevelOptions levels)
    {
        var (summary, results) = new PcaAnomalyScorer(variant.Ml, variant.Features).Score(population.Principals);
        var merger = new RiskMerger(levels, variant.Ml);
        var scenarios = population.Attackers.ToDictionary(a => a.Principal, a => a.Scenario, StringComparer.Ordinal);
        var ranks = results
            .OrderByDescending(r => r.Value.Score)
            .ThenBy(r => r.Key, StringComparer.Ordinal)
            .Select((r, i) => (r.Key, Rank: i + 1))
            .ToDictionary(r => r.Key, r => r.Rank, StringComparer.Ordinal);

        var outcomes = new List<PrincipalOutcome>(population.Principals.Count);
        for (var i = 0; i < population.Principals.Count; i++)
        {
            var p = population.Principals[i];
            var hits = population.Hits[i];
            var ml = results.GetValueOrDefault(p.Key);
            var rulesOnly = merger.Merge(p, hits, null);
            var merged = merger.Merge(p, hits, ml);
            outcomes.Add(new PrincipalOutcome(
                p.Key,
                scenarios.GetValueOrDefault(p.Key),
                ml?.Score ?? 0,
                ml?.Flagged == true,
                ranks.TryGetValue(p.Key, out var rank) ? rank : null,
                rulesOnly.Level,
                merged.Level,
                [.. hits.Select(h => h.Rule.Id)],
                ml is null ? string.Empty : string.Join("; ", ml.TopFeatures.Select(f => f.Text))));
        }

        var byKey = outcomes.ToDictionary(o => o.Key, StringComparer.Ordinal);
        var attackers = population.Attackers
            .Select(a => byKey.GetValueOrDefault(a.Principal) ?? throw new InvalidOperationException($"labelled attacker {a.Principal} is not among the principals IamUeba reports."))
            .ToList();
        return new RunOutcome(population.Spec, population.Seed, population.Events, variant, summary, outcomes, attackers);
    }
}
