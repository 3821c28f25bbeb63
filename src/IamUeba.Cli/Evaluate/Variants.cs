using IamUeba.Core.Features;
using IamUeba.Core.Scoring;

namespace IamUeba.Cli.Evaluate;

/// <summary>
/// The alternatives docs/detection-quality.md weighs the defaults against (`evaluate --variants`):
/// feature sets, scaling, rank with the chi-square quantile, and the MAD multiplier k.
/// </summary>
internal static class Variants
{
    private static readonly string[] Prototype =
    [
        "total_events", "off_hours_ratio", "high_risk_ratio", "mfa_missing_count", "unique_ips",
        "failure_ratio", "consecutive_failures", "admin_action_count", "unique_regions",
    ];

    public static IReadOnlyList<Variant> All(MlOptions baseline)
    {
        MlOptions With(Action<MlOptions> change)
        {
            var copy = Copy(baseline);
            change(copy);
            return copy;
        }

        var variants = new List<Variant>
        {
            Variant.Default(baseline),
            new("prototype nine", baseline, FeatureVector.Select(Prototype)),

            // What the service did before issue 6 was measured: the nine at rank 3.
            new("before: nine at rank 3", With(o => o.Rank = 3), FeatureVector.Select(Prototype)),
        };
        // Each candidate alone on top of the prototype's nine.
        foreach (var extra in FeatureVector.Candidates.Select(c => c.Name).Except(Prototype))
        {
            variants.Add(new($"nine + {extra}", baseline, FeatureVector.Select([.. Prototype, extra])));
        }

        // And each remaining candidate on top of the chosen set: does a twelfth feature still help?
        foreach (var extra in FeatureVector.Candidates.Select(c => c.Name).Except(FeatureVector.Names))
        {
            variants.Add(new($"default + {extra}", baseline, FeatureVector.Select([.. FeatureVector.Names, extra])));
        }

        variants.Add(new("robust scaling", With(o => o.Scaling = FeatureScaling.Robust), FeatureVector.Default));
        foreach (var rank in new[] { 1, 2, 3, 4, 5 })
        {
            foreach (var q in new[] { 0.99, 0.999, 0.9999 })
            {
                if (rank != baseline.Rank || q != baseline.ChiSquareQuantile)
                {
                    variants.Add(new($"rank {rank}, chi-square {q}", With(o => (o.Rank, o.ChiSquareQuantile) = (rank, q)), FeatureVector.Default));
                }
            }
        }

        foreach (var k in new[] { 2.0, 2.5, 3.5, 4.0 })
        {
            variants.Add(new($"k {k}", With(o => o.MadMultiplier = k), FeatureVector.Default));
        }

        return variants;
    }

    private static MlOptions Copy(MlOptions o) => new()
    {
        Enabled = o.Enabled,
        MinPopulation = o.MinPopulation,
        Rank = o.Rank,
        Oversampling = o.Oversampling,
        Seed = o.Seed,
        MadMultiplier = o.MadMultiplier,
        ChiSquareQuantile = o.ChiSquareQuantile,
        FlagPoints = o.FlagPoints,
        Scaling = o.Scaling,
    };
}
