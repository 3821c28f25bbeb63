using IamUeba.Core.Scoring;

namespace IamUeba.Core.Report;

/// <summary>The ML layer's verdict on one principal.</summary>
public sealed class PrincipalMlView
{
    public double Score { get; init; }
    public double Percentile { get; init; }
    public double RatioToThreshold { get; init; }
    public bool Flagged { get; init; }
    public List<FeatureContribution> TopFeatures { get; init; } = [];
}
