using System.ComponentModel.DataAnnotations;

namespace IamUeba.Core.Scoring;

/// <summary>The randomized-PCA anomaly layer's settings (design §6).</summary>
public sealed class MlOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>Below this many principals the layer does not run: on three principals it only produces false positives.</summary>
    [Range(3, 1_000_000)]
    public int MinPopulation { get; set; } = 20;

    /// <summary>PCA rank; always kept below the number of features. 1 ranks attackers best and flags the fewest normal principals (docs/detection-quality.md).</summary>
    [Range(1, 64)]
    public int Rank { get; set; } = 1;

    [Range(0, 1000)]
    public int Oversampling { get; set; } = 20;

    public int Seed { get; set; } = 42;

    /// <summary>How many robust deviations (MAD of log score) above the median a flagged principal must be.</summary>
    [Range(0.5, 20)]
    public double MadMultiplier { get; set; } = 3;

    /// <summary>Quantile of the chi-square distribution (degrees of freedom = feature count) a flagged principal must also exceed.</summary>
    [Range(0.5, 0.999999)]
    public double ChiSquareQuantile { get; set; } = 0.999;

    /// <summary>How log1p'd features are scaled before the PCA.</summary>
    public FeatureScaling Scaling { get; set; } = FeatureScaling.ZScore;

    [Range(0, 100)]
    public int FlagPoints { get; set; } = 15;
}
