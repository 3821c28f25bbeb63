using IamUeba.Core.CloudTrail;
using IamUeba.Core.Principals;

namespace IamUeba.Core.Features;

/// <summary>
/// Turns the event stream into one <see cref="PrincipalAggregate"/> per principal (design §4).
/// Memory grows with principals, distinct values and 8 bytes per event, never with the upload's bytes.
/// </summary>
public sealed class FeatureAggregator : IEventSink
{
    private const int OffHoursExamplesKept = 5;

    private readonly Dictionary<string, PrincipalAggregate> _principals = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _regionIndex = new(StringComparer.Ordinal);
    private readonly List<string> _regions = [string.Empty];
    private readonly PrincipalResolver _resolver;
    private readonly ActionCatalog _catalog;
    private readonly BusinessHours _hours;
    private readonly int _distinctCap;
    private readonly bool _includeAwsServices;
    private readonly long _burstSlice;
    private readonly long _regionSlice;
    private int _evidenceBudget;

    private readonly IReadOnlyList<Rules.IEventSignature> _signatures;

    public FeatureAggregator(StringPool pool, DetectionOptions options, BusinessHours hours)
    {
        _signatures = [.. Rules.RuleEngine.Signatures.Where(s => options.Rules.For(s.Descriptor.SettingsKey).Enabled)];
        _resolver = new PrincipalResolver(pool, options.KeyRolesBySession);
        _catalog = new ActionCatalog(options.ExtraHighRiskActions, options.ExtraAdminActions);
        _hours = hours;
        _distinctCap = options.Limits.MaxDistinctValuesPerPrincipal;
        _includeAwsServices = options.IncludeAwsServices;
        _evidenceBudget = options.Limits.MaxEvidenceEvents;

        // Half a window: every sliding window holds a whole slice, so a slice's first event is evidence for it.
        _burstSlice = Math.Max(60, options.Rules.R09.WindowMinutes * 30L);
        _regionSlice = Math.Max(60, options.Rules.R08.WindowMinutes * 30L);
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
        var burst = TimeSpan.FromMinutes(rules.R09.WindowMinutes);
        var regionWindow = TimeSpan.FromMinutes(rules.R08.WindowMinutes);
        return _principals.Values
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => PrincipalFeatures.Compute(p, _regions, burst, regionWindow))
            .Where(p => p.TotalEvents > 0)
            .ToList();
    }

    public EventOutcome Add(CloudTrailEvent e)
    {
        if (string.Equals(e.EventType, "AwsCloudTrailInsight", StringComparison.OrdinalIgnoreCase))
        {
            return Exclude("cloudtrail_insight");
        }

        var identity = _resolver.Resolve(e);
        if (identity.IsAwsService && !_includeAwsServices)
        {
            AwsServices[identity.Key] = AwsServices.GetValueOrDefault(identity.Key) + 1;
            return Exclude("aws_service");
        }

        if (!_principals.TryGetValue(identity.Key, out var principal))
        {
            principal = new PrincipalAggregate(identity, _distinctCap);
            _principals.Add(identity.Key, principal);
        }

        if (!principal.TryAddFingerprint(Fingerprint(e)))
        {
            return EventOutcome.Duplicate;
        }

        principal.AddSession(identity.SessionName);
        var eventName = e.EventName!;
        var flags = EventFlags.None;
        if (EventFacts.IsFailed(e))
        {
            flags |= EventFlags.Failed;
            principal.AddFailure(e.ErrorCode);
        }

        if (_catalog.IsHighRisk(eventName))
        {
            flags |= EventFlags.HighRisk;
        }

        if (_catalog.IsAdmin(eventName))
        {
            flags |= EventFlags.Admin;
        }

        switch (EventFacts.Mfa(e, identity))
        {
            case MfaState.No:
                flags |= EventFlags.MfaNo;
                break;
            case MfaState.NotObservable:
                flags |= EventFlags.MfaNotObservable;
                break;
        }

        var global = EventFacts.IsGlobalRegion(e);
        if (global)
        {
            flags |= EventFlags.GlobalRegion;
        }

        if (_hours.IsOffHours(e.EventTimeSeconds))
        {
            flags |= EventFlags.OffHours;
        }

        var region = RegionIndex(e.AwsRegion);
        var firstInRegion = region != 0 && !global && principal.Regions.Add(region);
        var ip = IpLiteral.Normalize(e.SourceIpAddress);
        var firstFromIp = ip is not null && principal.Ips.Add(ip);

        principal.EventNames.Add(eventName);
        if (!string.IsNullOrEmpty(e.UserAgent))
        {
            principal.UserAgents.Add(e.UserAgent);
        }

        var firstInSlice = principal.TryAddSlice(e.EventTimeSeconds / _burstSlice, 0)
            | (region != 0 && !global && principal.TryAddSlice(e.EventTimeSeconds / _regionSlice, region));
        var detail = 0;
        if (ShouldKeepDetail(flags, firstInRegion || firstFromIp || firstInSlice, principal))
        {
            detail = principal.KeepDetail(new EventDetail(e.EventId, e.EventTimeSeconds, eventName, ip ?? e.SourceIpAddress, e.AwsRegion, e.ErrorCode));
            _evidenceBudget -= detail == 0 ? 0 : 1;
            if ((flags & EventFlags.OffHours) != 0)
            {
                principal.OffHoursExamples++;
            }
        }

        principal.Append(Timeline.Pack(e.EventTimeSeconds, region, flags, detail));
        foreach (var signature in _signatures)
        {
            if (signature.Matches(e, identity))
            {
                var id = signature.Descriptor.Id;
                if (!principal.Signatures.TryGetValue(id, out var tally))
                {
                    tally = new SignatureTally();
                    principal.Signatures.Add(id, tally);
                }

                tally.Add(() => principal.DetailOf(detail) ?? new EventDetail(e.EventId, e.EventTimeSeconds, eventName, ip ?? e.SourceIpAddress, e.AwsRegion, e.ErrorCode));
            }
        }

        return EventOutcome.Accepted;
    }

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

    /// <summary>
    /// eventID alone is not unique in the wild (test fixtures reuse placeholders for different
    /// events); with time, name, outcome, address, agent, request and response it identifies a
    /// redelivered event, whatever container or formatting it came in.
    /// </summary>
    private static ulong Fingerprint(CloudTrailEvent e)
    {
        if (e.EventIdLength == 0)
        {
            return 0;
        }

        var hash = StableHash.Add(14695981039346656037, e.EventIdUtf8);
        hash = StableHash.Add(hash, e.EventTimeSeconds);
        hash = StableHash.Add(hash, e.EventName);
        hash = StableHash.Add(hash, e.ErrorCode);
        hash = StableHash.Add(hash, e.SourceIpAddress);
        hash = StableHash.Add(hash, e.UserAgent);
        hash = StableHash.Add(hash, (long)e.RequestHash);
        hash = StableHash.Add(hash, (long)e.ResponseHash);
        hash = StableHash.Add(hash, e.MfaUsed is null ? 0 : e.MfaUsed.Value ? 1 : 2);
        return hash == 0 ? 1 : hash;
    }
}
