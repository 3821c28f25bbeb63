namespace IamUeba.Core.Report;

/// <summary>
/// The answer of POST /detect (and of the command line's --format json). The prototype's fields
/// come first and keep their names; everything after them is additive. Serialised snake_case.
/// </summary>
public sealed class DetectionReport
{
    /// <summary>Version of this answer's schema: additive changes keep the major number.</summary>
    public string SchemaVersion { get; init; } = "1.0";

    /// <summary>Events read and counted once (duplicates and skipped events are not included).</summary>
    public long TotalEvents { get; init; }

    /// <summary>Principals ranked (AWS services acting for themselves are excluded by default).</summary>
    public int TotalUsers { get; init; }

    /// <summary>Principals with at least one rule hit or an ML flag.</summary>
    public int AnomalyCount { get; init; }

    /// <summary>The principals, highest risk first (after min_level / top filtering).</summary>
    public List<PrincipalResult> Results { get; init; } = [];

    /// <summary>The highest level of any principal, for CI gates; LOW when there are none.</summary>
    public string MaxRiskLevel { get; init; } = "LOW";

    /// <summary>Count of principals per level, over all principals (not only those returned).</summary>
    public Dictionary<string, int> LevelCounts { get; init; } = [];

    /// <summary>Principals in the analysis that <see cref="Results"/> leaves out because of min_level or top.</summary>
    public int ResultsOmitted { get; init; }

    public SkippedEventsView SkippedEvents { get; init; } = new();

    public ExcludedEventsView ExcludedEvents { get; init; } = new();

    public long DuplicateEvents { get; init; }

    /// <summary>Field values longer than Limits:MaxStringLength that were cut (never allocated whole).</summary>
    public long TruncatedValues { get; init; }

    public List<FileView> Files { get; init; } = [];

    public MlView Ml { get; init; } = new();

    public AnalysisSettingsView Settings { get; init; } = new();

    /// <summary>Wall-clock milliseconds the analysis took: the one field that differs between identical runs.</summary>
    public long DurationMs { get; set; }
}
