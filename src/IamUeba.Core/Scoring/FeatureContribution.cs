namespace IamUeba.Core.Scoring;

/// <summary>One feature's share of a principal's anomaly score, in words an analyst reads.</summary>
/// <param name="Contribution">This feature's part of the score; the parts of all features sum to the score.</param>
/// <param name="Direction">"higher" or "lower" than the population.</param>
public sealed record FeatureContribution(string Feature, double Contribution, string Direction, double Value, double PopulationMedian, string Text);
