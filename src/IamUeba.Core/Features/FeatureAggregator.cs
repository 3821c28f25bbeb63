using System.Runtime.CompilerServices;
using IamUeba.Core.CloudTrail;
using IamUeba.Core.Principals;

namespace IamUeba.Core.Features;

/// <summary>
/// Turns the event stream into one <see cref="PrincipalAggregate"/> per principal (design §4).
/// Memory grows with principals, distinct values and about 11 bytes an event (the timeline and the
/// fingerprints), never with the upload's bytes.
/// </summary>
public sealed class FeatureAggregator : IEventSink
{
    private const int OffHoursExamplesKept = 5;
    private const int RecentBits = 12;

    private readonly Dictionary<string, PrincipalAggregate> _principals = new(StringComparer.Ordinal);

    // The aggregates found last, by identity instance: an observer's resolver gives one principal's
    // events the same PrincipalIdentity, so most events find their aggregate without hashing and
    // comparing the principal's key (a long ARN, and a different instance from each reading thread).
    private readonly PrincipalIdentity?[] _recentIdentities = new PrincipalIdentity?[1 << RecentBits];
    private readonly PrincipalAggregate?[] _recentAggregates = new PrincipalAggregate?[1 << RecentBits];

    private readonly Dictionary<string, int> _regionIndex = new(StringComparer.Ordinal);
    private readonly List<string> _regions = [string.Empty];
    private readonly DetectionOptions _options;
    private readonly ActionCatalog _catalog;
    private readonly BusinessHours _hours;
    private readonly EventObserver _observer;
    private readonly EventIdArena _ids = new();
    private readonly KeptText _keptText = new();
    private readonly int _distinctCap;
    private readonly long _burstSlice;
    private readonly long _regionSlice;
    private readonly int _burstPairWindow;
    private readonly int _regionPairWindow;
    private int _evidenceBudget;

    // Every principal's fingerprints in one set: its buckets fill to the same size whoever the events
    // belong to, and with millions of events it stores them in 6 bytes instead of 8.
    private FingerprintSet? _fingerprints = new();

    private readonly IReadOnlyList<Rules.IEventSignature> _signatures;

    public FeatureAggregator(StringPool pool, DetectionOptions options, BusinessHours hours)
    {
        _signatures = [.. Rules.RuleEngine.Signatures.Where(s => options.Rules.For(s.Descriptor.SettingsKey).Enabled)];
        _options = options;
        _catalog = new ActionCatalog(options.ExtraHighRiskActions, options.ExtraAdminActions);
        _hours = hours;
        _observer = new EventObserver(pool, options, _catalog, hours, _signatures);
        _distinctCap = options.Limits.MaxDistinctValuesPerPrincipal;
        _evidenceBudget = options.Limits.MaxEvidenceEvents;

        // Half a window: every sliding window holds a whole slice, so a slice's first event is evidence for it.
        _burstSlice = Math.Max(60, options.Rules.R09.WindowMinutes * 30L);
        _regionSlice = Math.Max(60, options.Rules.R08.WindowMinutes * 30L);

        // R09 fires on a window of one event only with a threshold under 1 (it counts more than the
        // threshold), R08 with one of 1 or less (at least): then a lone event is evidence too.
        _burstPairWindow = options.Rules.R09.Threshold < 1 ? int.MaxValue : options.Rules.R09.WindowMinutes * 60;
        _regionPairWindow = options.Rules.R08.Threshold <= 1 ? int.MaxValue : options.Rules.R08.WindowMinutes * 60;
    }

    public IReadOnlyDictionary<string, PrincipalAggregate> Principals => _principals;

    /// <summary>Region names by index; index 0 is "no region".</summary>
    public IReadOnlyList<string> Regions => _regions;

    public Dictionary<string, long> ExcludedByReason { get; } = new(StringComparer.Ordinal);

    /// <summary>Principals seen only as AWS services acting for themselves (excluded from ranking).</summary>
    public SortedDictionary<string, long> AwsServices { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Every principal's features once all events are in, in principal order (the order answers are
    /// built in), with the windows the rules use.
    /// </summary>
    public List<PrincipalFeatures> ComputeFeatures(Rules.RuleOptions rules)
    {
        CloseAll();
        return [.. Ordered().Select(p => PrincipalFeatures.Compute(p, _regions, BurstWindow(rules), RegionWindow(rules))).Where(p => p.TotalEvents > 0)];
    }

    /// <summary>
    /// The same, one principal at a time, for an analysis that never holds every timeline unpacked
    /// (8 bytes an event): each principal's timeline is unpacked into one shared buffer and can be
    /// read until the next principal is produced; then it is gone (the features' counts stay).
    /// </summary>
    public IEnumerable<PrincipalFeatures> EachFeatures(Rules.RuleOptions rules)
    {
        CloseAll();
        var shared = new TimelineBuffer();
        PrincipalAggregate? previous = null;
        foreach (var principal in Ordered())
        {
            previous?.ForgetTimeline();
            previous = principal;
            var features = PrincipalFeatures.Compute(principal, _regions, BurstWindow(rules), RegionWindow(rules), shared);
            if (features.TotalEvents > 0)
            {
                yield return features;
            }
        }

        previous?.ForgetTimeline();
    }

    private static TimeSpan BurstWindow(Rules.RuleOptions rules) => TimeSpan.FromMinutes(rules.R09.WindowMinutes);

    private static TimeSpan RegionWindow(Rules.RuleOptions rules) => TimeSpan.FromMinutes(rules.R08.WindowMinutes);

    private IOrderedEnumerable<PrincipalAggregate> Ordered() => _principals.Values.OrderBy(p => p.Key, StringComparer.Ordinal);

    // The fingerprints and every principal's time slices are let go before any timeline is unpacked,
    // so that the unpacked timelines can reuse that memory instead of adding to it.
    private void CloseAll()
    {
        _fingerprints = null;
        foreach (var principal in _principals.Values)
        {
            principal.Close();
        }
    }

    /// <summary>An observer for another thread: its own caches, this aggregator's settings.</summary>
    internal EventObserver CreateObserver(StringPool pool) => new(pool, _options, _catalog, _hours.Clone(), _signatures);

    public EventOutcome Add(CloudTrailEvent e)
    {
        _ids.Clear();
        _observer.Observe(e, _ids, out var observation);
        return Apply(in observation, _ids);
    }

    /// <summary>Adds an observed event to its principal. Observations must arrive in file order, one at a time.</summary>
    internal EventOutcome Apply(in EventObservation o, EventIdArena ids)
    {
        switch (o.Kind)
        {
            case ObservationKind.Insight:
                return Exclude("cloudtrail_insight");
            case ObservationKind.AwsService:
                AwsServices[o.Identity.Key] = AwsServices.GetValueOrDefault(o.Identity.Key) + 1;
                return Exclude("aws_service");
        }

        var identity = o.Identity;
        var principal = Find(identity);

        if (!TryAddFingerprint(principal, o.Fingerprint))
        {
            return EventOutcome.Duplicate;
        }

        principal.AddSession(identity.SessionName);
        var flags = o.Flags;
        if ((flags & EventFlags.Failed) != 0)
        {
            principal.AddFailure(o.ErrorCode);
        }

        var global = (flags & EventFlags.GlobalRegion) != 0;
        var region = RegionIndex(o.Region);
        var firstInRegion = region != 0 && !global && principal.AddRegion(region);
        var firstFromIp = o.Ip is not null && principal.Ips.Add(o.Ip);

        principal.EventNames.Add(o.EventName);
        if (!string.IsNullOrEmpty(o.UserAgent))
        {
            principal.UserAgents.Add(o.UserAgent);
        }

        // The timeline's time (34 bits), as the rules' windows read it.
        var entry = Timeline.Pack(o.Time, region, flags, 0);
        var time = Timeline.Time(entry);

        // Time slices only choose evidence: once the analysis keeps no more, they are not tracked.
        // The first event of a slice is kept when the principal's event before it, or (as a
        // candidate) the one after it, is within the window the slice serves.
        var sliceWindow = 0;
        if (_evidenceBudget > 0)
        {
            Spend(principal.SettleCandidate(time));
        }

        if (_evidenceBudget > 0)
        {
            // A regional event first in either slice is held to R08's window too: R08 shows the
            // first kept event of each region in its window, which a burst slice's first often is.
            var regional = region != 0 && !global;
            var firstInBurstSlice = principal.TryAddSlice(o.Time / _burstSlice, 0);
            var firstInRegionSlice = regional && principal.TryAddSlice(o.Time / _regionSlice, region);
            sliceWindow = firstInRegionSlice || (firstInBurstSlice && regional) ? Math.Max(_burstPairWindow, _regionPairWindow)
                : firstInBurstSlice ? _burstPairWindow
                : 0;
        }

        var firstInBusySlice = sliceWindow != 0 && principal.HasEventWithin(time, sliceWindow);
        if (ShouldKeepDetail(flags, firstInRegion || firstFromIp || firstInBusySlice, principal))
        {
            var detail = principal.KeepDetail(Kept(in o, ids));
            if ((flags & EventFlags.OffHours) != 0)
            {
                principal.OffHoursExamples++;
            }

            principal.Append(entry | (long)detail);
            Spend(detail);
        }
        else if (sliceWindow != 0)
        {
            principal.AppendCandidate(entry, Kept(in o, ids), sliceWindow);
        }
        else
        {
            principal.Append(entry);
        }

        for (var matched = o.Signatures; matched != 0; matched &= matched - 1)
        {
            var signature = _signatures[System.Numerics.BitOperations.TrailingZeroCount(matched)];
            var id = signature.Descriptor.Id;
            if (!principal.Signatures.TryGetValue(id, out var tally))
            {
                tally = new SignatureTally(signature.ExamplesKept);
                principal.Signatures.Add(id, tally);
            }

            tally.Add(o.Time, tally.WantsExample ? new EventDetail(ids.Bytes(o.EventIdStart, o.EventIdLength), o.Time, o.EventName, o.Ip ?? o.SourceIp, o.Region, o.ErrorCode) : null);
        }

        return EventOutcome.Accepted;
    }

    /// <summary>Bytes held by the fingerprints, until features are computed and they are let go.</summary>
    internal long FingerprintBytes => _fingerprints?.Bytes ?? 0;

    // False when the principal had an event with the same fingerprint: CloudTrail can deliver an
    // event twice. The principal's ordinal goes into the value, so that the same event content under
    // two principals (test fixtures copy events) counts for each; 0 is an event without an id.
    private bool TryAddFingerprint(PrincipalAggregate principal, ulong fingerprint) =>
        fingerprint == 0
        || (_fingerprints ?? throw new InvalidOperationException("The analysis is closed to new events once features are computed."))
            .Add(fingerprint ^ ((ulong)principal.Ordinal * 0x9E3779B97F4A7C15UL));

    private PrincipalAggregate Find(PrincipalIdentity identity)
    {
        var slot = RuntimeHelpers.GetHashCode(identity) & ((1 << RecentBits) - 1);
        if (ReferenceEquals(_recentIdentities[slot], identity))
        {
            return _recentAggregates[slot]!;
        }

        if (!_principals.TryGetValue(identity.Key, out var principal))
        {
            principal = new PrincipalAggregate(identity, _principals.Count, _distinctCap, _keptText);
            _principals.Add(identity.Key, principal);
        }

        _recentIdentities[slot] = identity;
        _recentAggregates[slot] = principal;
        return principal;
    }

    // One event of the evidence budget spent (none for index 0); once it is all spent, no principal
    // tracks time slices or waits on a candidate.
    private void Spend(int detail)
    {
        if (detail == 0)
        {
            return;
        }

        if (--_evidenceBudget == 0)
        {
            foreach (var each in _principals.Values)
            {
                each.ForgetSlices();
            }
        }
    }

    private KeptEvent Kept(in EventObservation o, EventIdArena ids) =>
        KeptEvent.From(ids.Bytes(o.EventIdStart, o.EventIdLength), o.Time, o.EventName, o.Ip ?? o.SourceIp, o.Region, o.ErrorCode, _keptText);

    // The first event in a region, from an address, or in a time slice (per region) is kept so that
    // R04, R08 and R09 can show where and when the principal was, whichever window turns out busiest.
    private bool ShouldKeepDetail(EventFlags flags, bool firstSighting, PrincipalAggregate principal)
    {
        if (_evidenceBudget <= 0)
        {
            return false;
        }

        const EventFlags Notable = EventFlags.Failed | EventFlags.HighRisk | EventFlags.Admin;
        return (flags & Notable) != 0
            || firstSighting
            || ((flags & EventFlags.OffHours) != 0 && principal.OffHoursExamples < OffHoursExamplesKept);
    }

    private EventOutcome Exclude(string reason)
    {
        ExcludedByReason[reason] = ExcludedByReason.GetValueOrDefault(reason) + 1;
        return EventOutcome.Excluded;
    }

    private int RegionIndex(string? region)
    {
        if (string.IsNullOrEmpty(region))
        {
            return 0;
        }

        if (_regionIndex.TryGetValue(region, out var index))
        {
            return index;
        }

        // More distinct regions than a timeline entry can name only happens with forged data: fold them into the last index.
        index = Math.Min(_regions.Count, Timeline.MaxRegionIndex);
        if (index == _regions.Count)
        {
            _regions.Add(region);
        }

        _regionIndex[region] = index;
        return index;
    }
}
