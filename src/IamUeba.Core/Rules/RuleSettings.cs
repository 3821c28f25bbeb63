using System.ComponentModel.DataAnnotations;

namespace IamUeba.Core.Rules;

/// <summary>One rule's tunables. Unused members are ignored by rules that have no window.</summary>
public sealed class RuleSettings
{
    public RuleSettings()
    {
    }

    public RuleSettings(double threshold, int points, int windowMinutes = 0)
    {
        Threshold = threshold;
        Points = points;
        WindowMinutes = windowMinutes;
    }

    public bool Enabled { get; set; } = true;

    [Range(0, double.MaxValue)]
    public double Threshold { get; set; }

    [Range(0, 100)]
    public int Points { get; set; }

    [Range(0, 7 * 24 * 60)]
    public int WindowMinutes { get; set; }
}
