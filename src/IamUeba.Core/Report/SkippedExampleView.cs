namespace IamUeba.Core.Report;

/// <summary>A skipped event: the file part, its 0-based position among the part's records, and why.</summary>
public sealed class SkippedExampleView
{
    public required string File { get; init; }
    public long Index { get; init; }
    public required string Reason { get; init; }
    public required string Detail { get; init; }
}
