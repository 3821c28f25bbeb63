using IamUeba.Core.Principals;

namespace IamUeba.Core.Features;

/// <summary>
/// What one principal did, accumulated while events stream by: counters, bounded distinct sets,
/// a compact timeline (8 bytes per event) and the few events kept as evidence.
/// </summary>
public sealed class PrincipalAggregate
{
    private const int MaxSessionNames = 50;

    private readonly LongSet _fingerprints = new();
    private readonly LongSet _slices = new();
    private long[] _timeline = new long[16];

    public PrincipalAggregate(PrincipalIdentity identity, int distinctCap)
    {
        Key = identity.Key;
        Type = identity.Type;
        AccountId = identity.AccountId;
        RoleArn = identity.RoleArn;
        Ips = new DistinctCounter(distinctCap);
        EventNames = new DistinctCounter(distinctCap);
        UserAgents = new DistinctCounter(distinctCap);
    }

    public string Key { get; }
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

    public ReadOnlySpan<long> Entries => _timeline.AsSpan(0, Count);

    public ArraySegment<long> EntrySegment => new(_timeline, 0, Count);

    public List<EventDetail> Details { get; } = [null!];

    public int OffHoursExamples { get; set; }

    /// <summary>Event signatures (R10-R19 but R15) matched, by rule id.</summary>
    public Dictionary<string, SignatureTally> Signatures { get; } = new(StringComparer.Ordinal);

    /// <summary>Adds an event unless one with the same fingerprint was seen: CloudTrail can deliver an event twice.</summary>
    public bool TryAddFingerprint(ulong fingerprint) => fingerprint == 0 || _fingerprints.Add(fingerprint);

    /// <summary>True the first time a (time slice, region) is seen: its first event is kept as window evidence.</summary>
    public bool TryAddSlice(long slice, int region) => _slices.Add((ulong)((slice << 11) | (long)region));

    public void AddSession(string? sessionName)
    {
        if (sessionName is null || SessionNames.Contains(sessionName))
        {
            return;
        }

        if (SessionNames.Count < MaxSessionNames)
        {
            SessionNames.Add(sessionName);
        }
        else
        {
            MoreSessionNames++;
        }
    }

    /// <summary>Keeps an event's detail for evidence; 0 when the per-principal store is full.</summary>
    public int KeepDetail(EventDetail detail)
    {
        if (Details.Count > Timeline.MaxDetailIndex)
        {
            return 0;
        }

        Details.Add(detail);
        return Details.Count - 1;
    }

    public EventDetail? DetailOf(int index) => index == 0 ? null : Details[index];

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
        if (Count == _timeline.Length)
        {
            Array.Resize(ref _timeline, _timeline.Length * 2);
        }

        _timeline[Count++] = entry;
    }

    public void SortTimeline() => Timeline.SortByTime(_timeline.AsSpan(0, Count));
}
