namespace IamUeba.Cli.Generate.Output;

/// <summary>Where the hours go: one file in some format, or an S3-like tree of hourly files.</summary>
internal interface IEventOutput : IAsyncDisposable
{
    /// <summary>Writes one hour's events, already in output order.</summary>
    Task WriteHourAsync(int hour, IReadOnlyList<TrailEvent> events, CancellationToken cancellationToken);

    /// <summary>Closes containers and files; after it the counts are final.</summary>
    Task CompleteAsync(CancellationToken cancellationToken);

    OutputStats Stats { get; }
}

/// <summary>What was written: events, files, and bytes before and after compression.</summary>
internal sealed class OutputStats
{
    public long Events { get; set; }
    public long Files { get; set; }
    public long JsonBytes { get; set; }
    public long FileBytes { get; set; }

    /// <summary>Bytes of the records themselves (without containers), for the average event size.</summary>
    public long RecordBytes { get; set; }
}
