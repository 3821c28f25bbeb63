namespace IamUeba.Cli.Generate;

internal enum OutputFormat
{
    /// <summary>{"Records":[...]}, as S3 delivery writes.</summary>
    Records,

    /// <summary>One event per line, as CloudWatch Logs and Athena exports write.</summary>
    Jsonl,

    /// <summary>aws cloudtrail lookup-events output, newest first.</summary>
    Lookup,
}

/// <summary>The options of one generate run, validated.</summary>
internal sealed record GenerateSettings
{
    public int Principals { get; init; } = 200;
    public long Events { get; init; } = 200_000;
    public int Days { get; init; } = 7;
    public DateOnly Start { get; init; } = new(2024, 3, 4);
    public int Seed { get; init; } = 1;
    public int Attackers { get; init; } = 5;
    public OutputFormat Format { get; init; } = OutputFormat.Records;
    public bool Gzip { get; init; }
    public bool SplitHourly { get; init; }

    /// <summary>A file, a folder (split-hourly), or null / "-" for standard output.</summary>
    public string? Out { get; init; }
    public string? Labels { get; init; }

    public int Hours => Days * 24;

    public long StartUnix => new DateTimeOffset(Start.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeSeconds();

    public bool ToStdout => !SplitHourly && (Out is null || Out == "-");

    /// <summary>Problems with the combination of options, empty when it can run.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Principals < 2)
        {
            errors.Add("--principals must be at least 2.");
        }

        if (Days is < 1 or > 366)
        {
            errors.Add("--days must be between 1 and 366.");
        }

        if (Attackers < 0 || Attackers > Principals / 2)
        {
            errors.Add("--attackers must be between 0 and half of --principals.");
        }

        if (Events < (long)Principals * MinimumEventsPerPrincipal)
        {
            errors.Add($"--events must be at least {MinimumEventsPerPrincipal} per principal ({(long)Principals * MinimumEventsPerPrincipal} for {Principals} principals).");
        }

        if (SplitHourly && (Out is null || Out == "-"))
        {
            errors.Add("--split-hourly writes a folder tree: give it --out FOLDER.");
        }

        if (SplitHourly && Format != OutputFormat.Records)
        {
            errors.Add("--split-hourly writes S3 delivery files, which are {\"Records\":[...]}: use it with --format records.");
        }

        return errors;
    }

    /// <summary>Enough for a quiet person's one sign-in and a few calls.</summary>
    public const int MinimumEventsPerPrincipal = 20;
}
