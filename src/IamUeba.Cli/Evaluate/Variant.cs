using IamUeba.Core.Features;
using IamUeba.Core.Scoring;

namespace IamUeba.Cli.Evaluate;

/// <summary>An ML configuration to measure: its settings and its features.</summary>
internal sealed record Variant(string Name, MlOptions Ml, IReadOnlyList<Feature> Features)
{
    public static Variant Default(MlOptions ml) => new("default", ml, FeatureVector.Default);
}
