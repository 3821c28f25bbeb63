namespace IamUeba.Core.Scoring;

/// <summary>The ML layer's verdict on one principal.</summary>
/// <param name="Score">s = T² + SPE/σ²: distance inside the PCA subspace plus residual outside it.</param>
/// <param name="Percentile">Share of the population with a score at or below this one (0-100).</param>
/// <param name="RatioToThreshold">Score divided by the flag threshold: above 1 is flagged.</param>
public sealed record MlResult(double Score, double Percentile, double RatioToThreshold, bool Flagged, IReadOnlyList<FeatureContribution> TopFeatures);
