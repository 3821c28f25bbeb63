using System.Text.Json.Serialization;

namespace IamUeba.Core.Scoring;

/// <summary>How log1p'd features are put on one scale before the PCA (docs/detection-quality.md compares them).</summary>
/// <remarks>Written by name in settings files ("ZScore"), as the service's configuration binder reads it.</remarks>
[JsonConverter(typeof(JsonStringEnumConverter<FeatureScaling>))]
public enum FeatureScaling
{
    /// <summary>(x - mean) / standard deviation of this population.</summary>
    ZScore,

    /// <summary>(x - median) / (IQR / 1.349); MAD, then the standard deviation, where the IQR is 0.</summary>
    Robust,
}
