namespace IamUeba.Core.Scoring;

/// <summary>Whether the ML layer ran, on what, and with which settings; says why when it did not.</summary>
public sealed record MlSummary(bool Ran, string Status, int Principals, int Rank, double Threshold, int Flagged)
{
    public static MlSummary NotRun(string status, int principals) => new(false, status, principals, 0, 0, 0);
}
