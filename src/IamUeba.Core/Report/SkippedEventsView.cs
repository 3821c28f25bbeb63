namespace IamUeba.Core.Report;

/// <summary>Events that parsed but lacked what detection needs: counted by reason, with the first few.</summary>
public sealed class SkippedEventsView
{
    public long Count { get; init; }
    public Dictionary<string, long> ByReason { get; init; } = [];
    public List<SkippedExampleView> Examples { get; init; } = [];
}
