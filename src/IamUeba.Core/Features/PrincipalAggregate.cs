using IamUeba.Core.Principals;

namespace IamUeba.Core.Features;

/// <summary>
/// What one principal did, accumulated while events stream by: counters, bounded distinct sets,
/// a compact timeline (a few bytes per event) and the few events kept as evidence. Once all events
/// are in, <see cref="SortTimeline"/> closes it: the timeline becomes packed entries sorted by time
/// and what only served reading (time slices) is let go. Its events' fingerprints are the
/// analysis's (<see cref="FeatureAggregator"/>), one set for every principal.
/// </summary>
public sealed class PrincipalAggregate
{
    private const int MaxSessionNames = 50;

    private SliceSet? _burstSlices;
    private SliceSet? _regionSlices;
    private CompactTimeline? _incoming = new();
    private long[]? _timeline;
    private string? _lastSession;

    // The slice keys and the region added last: a principal's events mostly come in time order, from
    // one region, so most fall in the slices and region of the event before and need no probe of a
    // set. A slice key is kept plus one, 0 meaning none; the one key that wraps to 0 (every bit set:
    // a time before 1970 in the last region index) is then never remembered, only probed.
    private ulong _lastBurstSlice;
    private ulong _lastRegionSlice;
    private int _lastRegion;

    // The first event of a time slice that had no event of the principal within the window before
    // it (arrival order) waits, as the last timeline entry and in the kept slot after the last kept
    // event, to be kept only if the next event comes within the window (this many seconds; 0 when
    // nothing waits). R08 and R09 show evidence of windows that hold two events or more, and a
    // lone event is in no such window: most events of a quiet principal are lone, and keeping each
    // took most of the evidence budget and its memory. One int here, as the principal's fields are
    // read for every event and each cache line of them is a miss with thousands of principals.
    private int _candidateWindow;

    internal PrincipalAggregate(PrincipalIdentity identity, int ordinal, int distinctCap, KeptText text)
    {
        _text = text;
        Ordinal = ordinal;
        Key = identity.Key;
        Type = identity.Type;
        AccountId = identity.AccountId;
        RoleArn = identity.RoleArn;
        Ips = new DistinctCounter(distinctCap);
        EventNames = new DistinctCounter(distinctCap);
        UserAgents = new DistinctCounter(distinctCap);
    }

    public string Key { get; }

    /// <summary>The principal's place in the order principals were first seen, which tells its fingerprints from another's.</summary>
    internal int Ordinal { get; }

    public string Type { get; }
    public string? AccountId { get; }
    public string? RoleArn { get; }

    public SortedSet<string> SessionNames { get; } = new(StringComparer.Ordinal);
    public int MoreSessionNames { get; private set; }

    public DistinctCounter Ips { get; }
    public DistinctCounter EventNames { get; }
    public DistinctCounter UserAgents { get; }

    /// <summary>Regions the principal was in (global services' us-east-1 excluded), by region index.</summary>
    public HashSet<int> Regions { get; } = [];

    public int Count { get; private set; }

    /// <summary>Calls refused for lack of permission (AccessDenied, UnauthorizedOperation ...), unlike throttling or a missing resource.</summary>
    public int DeniedEvents { get; private set; }

    /// <summary>The timeline sorted by time; only after <see cref="SortTimeline"/>.</summary>
    public ReadOnlySpan<long> Entries => Sorted.AsSpan(0, Count);

    public ArraySegment<long> EntrySegment => new(Sorted, 0, Count);

    /// <summary>Bytes held by the timeline and the time slices (for the memory measurements).</summary>
    public long StreamingBytes =>
        (_incoming?.Bytes ?? 0) + ((_timeline is null ? 0 : Count) * (long)sizeof(long)) + (_burstSlices?.Bytes ?? 0) + (_regionSlices?.Bytes ?? 0);

    private long[] Sorted => _timeline ?? throw new InvalidOperationException("The timeline is read between SortTimeline and ForgetTimeline.");

    // Index 0 stands for "no detail" in a timeline entry. A slot is written before it is counted.
    private KeptEventStore _kept;
    private readonly KeptText _text;
    private int _keptCount = 1;

    public int OffHoursExamples { get; set; }

    /// <summary>Event signatures (R10-R19 but R15) matched, by rule id.</summary>
    public Dictionary<string, SignatureTally> Signatures { get; } = new(StringComparer.Ordinal);

    /// <summary>True the first time a (time slice, region) is seen: its first event is kept as window evidence.</summary>
    public bool TryAddSlice(long slice, int region)
    {
        var key = (ulong)((slice << 11) | (long)region);
        ref var last = ref region == 0 ? ref _lastBurstSlice : ref _lastRegionSlice;
        var stamp = key + 1;
        if (stamp != 0 && last == stamp)
        {
            return false;
        }

        last = stamp;
        return region == 0 ? (_burstSlices ??= new SliceSet()).Add(key) : (_regionSlices ??= new SliceSet()).Add(key);
    }

    /// <summary>Forgets the time slices: once the analysis keeps no more evidence they decide nothing.</summary>
    public void ForgetSlices()
    {
        _burstSlices = _regionSlices = null;
        _lastBurstSlice = _lastRegionSlice = 0;
        DropCandidate();
    }

    /// <summary>True the first time the principal is seen in a region (by index).</summary>
    public bool AddRegion(int region)
    {
        if (region == _lastRegion)
        {
            return false;
        }

        _lastRegion = region;
        return Regions.Add(region);
    }

    public void AddSession(string? sessionName)
    {
        // The session seen last is one of the kept names: an interned repeat needs no lookup.
        if (sessionName is null || ReferenceEquals(sessionName, _lastSession))
        {
            return;
        }

        if (SessionNames.Contains(sessionName))
        {
            _lastSession = sessionName;
        }
        else if (SessionNames.Count < MaxSessionNames)
        {
            SessionNames.Add(sessionName);
            _lastSession = sessionName;
        }
        else
        {
            MoreSessionNames++;
        }
    }

    /// <summary>
    /// True when the principal's previous event (arrival order) is less than <paramref name="window"/>
    /// seconds from <paramref name="time"/>; always for <see cref="int.MaxValue"/> (a window that fires on one event).
    /// </summary>
    internal bool HasEventWithin(long time, int window) =>
        window == int.MaxValue || (Count > 0 && Math.Abs(time - Open(_incoming).LastTime) < window);

    /// <summary>
    /// Appends the first event of a time slice that is not kept yet: it will be if the principal's
    /// next event comes within <paramref name="window"/> seconds (see <see cref="SettleCandidate"/>).
    /// </summary>
    internal void AppendCandidate(long entry, in KeptEvent kept, int window)
    {
        if (!HasRoomToKeep())
        {
            Append(entry);
            return;
        }

        _kept.Slot(_keptCount) = kept;
        Open(_incoming).AppendWithDetailSlot(entry);
        Count++;
        _candidateWindow = window;
    }

    /// <summary>
    /// Keeps the waiting candidate if the event at <paramref name="time"/>, the principal's next,
    /// came within its window; either way nothing waits after. The kept index, or 0.
    /// </summary>
    internal int SettleCandidate(long time)
    {
        if (_candidateWindow == 0)
        {
            return 0;
        }

        var timeline = Open(_incoming);
        if (Math.Abs(time - timeline.LastTime) >= _candidateWindow)
        {
            DropCandidate();
            return 0;
        }

        _candidateWindow = 0;
        timeline.SetLastDetail(_keptCount);
        return _keptCount++;
    }

    private void DropCandidate() => _candidateWindow = 0;

    /// <summary>Keeps an event's detail for evidence; 0 when the per-principal store is full.</summary>
    internal int KeepDetail(in KeptEvent detail)
    {
        if (!HasRoomToKeep())
        {
            return 0;
        }

        _kept.Slot(_keptCount) = detail;
        return _keptCount++;
    }

    // True when a timeline entry can name one more kept event (at _keptCount).
    private bool HasRoomToKeep() => _keptCount <= Timeline.MaxDetailIndex;

    /// <summary>How many events are kept as evidence.</summary>
    public int KeptDetails => _keptCount - 1;

    /// <summary>A kept event's detail, made anew at each call (details are values: equal when made twice).</summary>
    public EventDetail? DetailOf(int index) => index == 0 ? null : _kept[index].ToDetail(_text);

    /// <summary>A kept event's name, without making its detail.</summary>
    internal string KeptEventName(int index) => _text[_kept[index].EventName]!;

    /// <summary>A kept event's source address (or service name), without making its detail.</summary>
    internal string? KeptSourceIp(int index) => _text[_kept[index].SourceIp];

    /// <summary>Counts a failed call's kind; only a refusal says the caller tried what it may not do.</summary>
    public void AddFailure(string? errorCode)
    {
        if (IsDenied(errorCode))
        {
            DeniedEvents++;
        }
    }

    /// <summary>AccessDenied, AccessDeniedException, VpceAccessDenied, UnauthorizedOperation, Client.UnauthorizedOperation, Forbidden ...</summary>
    public static bool IsDenied(string? errorCode) =>
        errorCode is not null
        && (errorCode.Contains("AccessDenied", StringComparison.OrdinalIgnoreCase)
            || errorCode.Contains("Unauthorized", StringComparison.OrdinalIgnoreCase)
            || errorCode.Contains("Forbidden", StringComparison.OrdinalIgnoreCase));

    public void Append(long entry)
    {
        Open(_incoming).Append(entry);
        Count++;
    }

    /// <summary>Closes the principal to new events and lets go of what only reading needed (time slices, a candidate).</summary>
    public void Close()
    {
        _burstSlices = _regionSlices = null;
        DropCandidate();
    }

    /// <summary>
    /// Closes the principal and unpacks its timeline, sorted by time, into an array of its own or
    /// into <paramref name="shared"/>'s (then readable until the buffer is used again). Idempotent.
    /// </summary>
    public void SortTimeline(TimelineBuffer? shared = null)
    {
        Close();
        if (_timeline is not null)
        {
            return;
        }

        _timeline = shared?.Entries(Count) ?? new long[Count];
        Open(_incoming).DecodeInto(_timeline);
        Timeline.SortByTime(_timeline.AsSpan(0, Count), shared);
        _incoming = null;
    }

    /// <summary>Lets the unpacked timeline go once the rules have read it (their evidence is already taken).</summary>
    public void ForgetTimeline() => _timeline = null;

    private static T Open<T>(T? part)
        where T : class =>
        part ?? throw new InvalidOperationException("An event arrived after the principal's features were computed.");
}
