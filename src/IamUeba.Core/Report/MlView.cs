namespace IamUeba.Core.Report;

/// <summary>Whether the ML layer ran, on how many principals, with which rank and threshold, or why not.</summary>
public sealed class MlView
{
    public bool Ran { get; init; }
    public string Status { get; init; } = string.Empty;
    public int Principals { get; init; }
    public int MinPopulation { get; init; }
    public int Rank { get; init; }
    public double Threshold { get; init; }
    public int Flagged { get; init; }
    public List<string> Features { get; init; } = [];
}
