namespace IamUeba.Core.CloudTrail;

/// <summary>What the reader found in one part of an upload.</summary>
public sealed class PartReport
{
    public PartReport(string name) => Name = name;

    public string Name { get; }

    public InputShape Shape { get; set; } = InputShape.Empty;

    public bool Gzip { get; set; }

    /// <summary>Events read and used (not skipped, not duplicates).</summary>
    public long Events { get; set; }

    public long Skipped { get; set; }

    public long Duplicates { get; set; }

    public long Excluded { get; set; }

    /// <summary>Bytes of JSON read (after decompression).</summary>
    public long Bytes { get; set; }

    /// <summary>Records seen: every event position, used or not.</summary>
    public long Records => Events + Skipped + Duplicates + Excluded;
}
