namespace IamUeba.Core.Report;

/// <summary>What was read from one file part (or the raw body).</summary>
public sealed class FileView
{
    public required string Name { get; init; }

    /// <summary>records, array, json_lines, lookup_events, cloudwatch_logs, eventbridge, single_event, digest, mixed or empty.</summary>
    public required string Shape { get; init; }
    public bool Gzip { get; init; }
    public long Bytes { get; init; }
    public long Events { get; init; }
    public long Skipped { get; init; }
    public long Duplicates { get; init; }
    public long Excluded { get; init; }
}
