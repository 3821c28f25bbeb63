namespace IamUeba.Core.Scoring;

/// <summary>The scorer's full result: the summary, each principal's verdict, and each feature's exact part of each score.</summary>
internal sealed record MlAnalysis(MlSummary Summary, IReadOnlyDictionary<string, MlResult> Results, IReadOnlyDictionary<string, double[]> Parts)
{
    public static MlAnalysis NotRun(string status, int principals) =>
        new(MlSummary.NotRun(status, principals), new Dictionary<string, MlResult>(), new Dictionary<string, double[]>());
}
