namespace IamUeba.Core.Features;

/// <summary>
/// A principal's facts once its events are all in and its timeline is sorted by time: what rules,
/// the ML layer and the answer read.
/// </summary>
public sealed class PrincipalFeatures
{
    private PrincipalFeatures(PrincipalAggregate aggregate, IReadOnlyList<string> regionNames)
    {
        Aggregate = aggregate;
        RegionNames = regionNames;
    }

    public PrincipalAggregate Aggregate { get; }

    public string Key => Aggregate.Key;
    public string Type => Aggregate.Type;
    public string? AccountId => Aggregate.AccountId;
    public string? RoleArn => Aggregate.RoleArn;

    /// <summary>Region names by index, shared by the analysis.</summary>
    public IReadOnlyList<string> RegionNames { get; }

    public ReadOnlySpan<long> Timeline => Aggregate.Entries;

    /// <summary>The sorted timeline, for enumerating (LINQ) where a span cannot go.</summary>
    public ArraySegment<long> Entries => Aggregate.EntrySegment;

    public int TotalEvents { get; private set; }
    public int FailedEvents { get; private set; }
    public int HighRiskEvents { get; private set; }
    public int AdminEvents { get; private set; }
    public int OffHoursEvents { get; private set; }
    public int HighRiskWithoutMfa { get; private set; }
    public int HighRiskMfaNotObservable { get; private set; }

    /// <summary>Calls refused for lack of permission, a subset of <see cref="FailedEvents"/>.</summary>
    public int DeniedEvents => Aggregate.DeniedEvents;

    public int UniqueIps => Aggregate.Ips.Count;
    public int UniqueRegions => Aggregate.Regions.Count;
    public int UniqueEventNames => Aggregate.EventNames.Count;
    public int UniqueUserAgents => Aggregate.UserAgents.Count;

    /// <summary>Events that matched an enabled signature rule (R10-R14, R16-R19): single calls dangerous by themselves.</summary>
    public int SignatureEvents => Aggregate.Signatures.Values.Sum(t => t.Count);

    public long FirstSeen { get; private set; }
    public long LastSeen { get; private set; }

    /// <summary>Longest run of failed events in time order, and where it starts in <see cref="Timeline"/>.</summary>
    public int ConsecutiveFailures { get; private set; }
    public int FailureRunStart { get; private set; }

    /// <summary>Most events inside any sliding window of the burst length, and the window's first index.</summary>
    public int BurstEvents { get; private set; }
    public int BurstStart { get; private set; }

    /// <summary>Most distinct regions (global services excluded) inside any sliding window, and the window's bounds.</summary>
    public int SimultaneousRegions { get; private set; }
    public int RegionWindowStart { get; private set; }
    public int RegionWindowEnd { get; private set; }

    public double OffHoursRatio => Ratio(OffHoursEvents);
    public double HighRiskRatio => Ratio(HighRiskEvents);
    public double FailureRatio => Ratio(FailedEvents);

    public static PrincipalFeatures Compute(PrincipalAggregate aggregate, IReadOnlyList<string> regionNames, TimeSpan burstWindow, TimeSpan regionWindow, TimelineBuffer? shared = null)
    {
        aggregate.SortTimeline(shared);
        var f = new PrincipalFeatures(aggregate, regionNames);
        f.Count();
        f.FindFailureRun();
        f.FindBurst((long)burstWindow.TotalSeconds);
        f.FindRegionWindow((long)regionWindow.TotalSeconds);
        return f;
    }

    /// <summary>The kept details of these timeline entries, in their order; entries without one are passed over.</summary>
    public IEnumerable<EventDetail> DetailsOf(IEnumerable<long> entries) => entries.Select(DetailOf).OfType<EventDetail>();

    /// <summary>The entry's kept detail, made anew at each call; null when none was kept.</summary>
    public EventDetail? DetailOf(long entry) => Aggregate.DetailOf(Features.Timeline.Detail(entry));

    public static bool HasDetail(long entry) => Features.Timeline.Detail(entry) != 0;

    // For rules that look at every entry without making its detail: null when none was kept.

    /// <summary>The name of the entry's kept event; null when none was kept.</summary>
    internal string? KeptEventName(long entry) => HasDetail(entry) ? Aggregate.KeptEventName(Features.Timeline.Detail(entry)) : null;

    /// <summary>The source address (or service name) of the entry's kept event; null when none was kept or it had none.</summary>
    internal string? KeptSourceIp(long entry) => HasDetail(entry) ? Aggregate.KeptSourceIp(Features.Timeline.Detail(entry)) : null;

    private double Ratio(int count) => TotalEvents == 0 ? 0 : (double)count / TotalEvents;

    private void Count()
    {
        var entries = Timeline;
        TotalEvents = entries.Length;
        if (entries.Length > 0)
        {
            FirstSeen = Features.Timeline.Time(entries[0]);
            LastSeen = Features.Timeline.Time(entries[^1]);
        }

        foreach (var entry in entries)
        {
            var flags = Features.Timeline.Flags(entry);
            FailedEvents += (flags & EventFlags.Failed) != 0 ? 1 : 0;
            HighRiskEvents += (flags & EventFlags.HighRisk) != 0 ? 1 : 0;
            AdminEvents += (flags & EventFlags.Admin) != 0 ? 1 : 0;
            OffHoursEvents += (flags & EventFlags.OffHours) != 0 ? 1 : 0;
            if ((flags & EventFlags.HighRisk) != 0)
            {
                HighRiskWithoutMfa += (flags & EventFlags.MfaNo) != 0 ? 1 : 0;
                HighRiskMfaNotObservable += (flags & EventFlags.MfaNotObservable) != 0 ? 1 : 0;
            }
        }
    }

    private void FindFailureRun()
    {
        var entries = Timeline;
        var run = 0;
        for (var i = 0; i < entries.Length; i++)
        {
            run = Features.Timeline.Has(entries[i], EventFlags.Failed) ? run + 1 : 0;
            if (run > ConsecutiveFailures)
            {
                ConsecutiveFailures = run;
                FailureRunStart = i - run + 1;
            }
        }
    }

    private void FindBurst(long windowSeconds)
    {
        var entries = Timeline;
        var start = 0;
        for (var end = 0; end < entries.Length; end++)
        {
            var endTime = Features.Timeline.Time(entries[end]);
            // A window of 0 minutes still holds the event that ends it.
            while (start < end && endTime - Features.Timeline.Time(entries[start]) >= windowSeconds)
            {
                start++;
            }

            if (end - start + 1 > BurstEvents)
            {
                BurstEvents = end - start + 1;
                BurstStart = start;
            }
        }
    }

    private void FindRegionWindow(long windowSeconds)
    {
        var entries = Timeline;
        var inWindow = new Dictionary<int, int>();
        var start = 0;
        for (var end = 0; end < entries.Length; end++)
        {
            var endTime = Features.Timeline.Time(entries[end]);
            while (start < end && endTime - Features.Timeline.Time(entries[start]) >= windowSeconds)
            {
                Leave(inWindow, entries[start]);
                start++;
            }

            if (CountsAsPresence(entries[end]))
            {
                var region = Features.Timeline.Region(entries[end]);
                inWindow[region] = inWindow.GetValueOrDefault(region) + 1;
            }

            if (inWindow.Count > SimultaneousRegions)
            {
                SimultaneousRegions = inWindow.Count;
                RegionWindowStart = start;
                RegionWindowEnd = end;
            }
        }
    }

    private static void Leave(Dictionary<int, int> inWindow, long entry)
    {
        if (!CountsAsPresence(entry))
        {
            return;
        }

        var region = Features.Timeline.Region(entry);
        if (--inWindow[region] == 0)
        {
            inWindow.Remove(region);
        }
    }

    private static bool CountsAsPresence(long entry) =>
        Features.Timeline.Region(entry) != 0 && !Features.Timeline.Has(entry, EventFlags.GlobalRegion);
}
