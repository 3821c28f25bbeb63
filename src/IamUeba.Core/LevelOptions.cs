using System.ComponentModel.DataAnnotations;

namespace IamUeba.Core;

/// <summary>Score bands of the risk levels, and the consecutive-failure penalty (design §7).</summary>
public sealed class LevelOptions
{
    [Range(1, 100)]
    public int Critical { get; set; } = 80;

    [Range(1, 100)]
    public int High { get; set; } = 60;

    [Range(1, 100)]
    public int Medium { get; set; } = 40;

    /// <summary>At most this many points for the longest run of failures (1 point per failure).</summary>
    [Range(0, 100)]
    public int MaxConsecutiveFailurePenalty { get; set; } = 10;
}
