using System.Runtime.CompilerServices;
using IamUeba.Core.CloudTrail;
using IamUeba.Core.Principals;
using IamUeba.Core.Rules;

namespace IamUeba.Core.Features;

/// <summary>
/// The per-event half of aggregation (design §4): resolves the principal, computes the event's
/// facts and checks the signatures. Holds only caches, so one observer per thread can work on
/// its own share of the events while a single <see cref="FeatureAggregator"/> applies them in order.
/// </summary>
internal sealed class EventObserver
{
    private readonly PrincipalResolver _resolver;
    private readonly ActionCatalog _catalog;
    private readonly BusinessHours _hours;
    private readonly bool _includeAwsServices;
    private readonly IReadOnlyList<IEventSignature> _signatures;

    private const int HashedBits = 11;
    private static readonly ulong EmptyHash = StableHash.Of([]);

    // The hashes of the strings fingerprinted last, by reference: the pool interns them and events
    // repeat their agent, name and address, so a long user agent is hashed once, not every event.
    private readonly string?[] _hashed = new string?[1 << HashedBits];
    private readonly ulong[] _hashes = new ulong[1 << HashedBits];

    internal EventObserver(StringPool pool, DetectionOptions options, ActionCatalog catalog, BusinessHours hours, IReadOnlyList<IEventSignature> signatures)
    {
        _resolver = new PrincipalResolver(pool, options.KeyRolesBySession);
        _catalog = catalog;
        _hours = hours;
        _includeAwsServices = options.IncludeAwsServices;
        _signatures = signatures;
    }

    public void Observe(CloudTrailEvent e, EventIdArena ids, out EventObservation o)
    {
        o = default;
        if (e.IsInsight)
        {
            o.Kind = ObservationKind.Insight;
            return;
        }

        var identity = _resolver.Resolve(e);
        o.Identity = identity;
        if (identity.IsAwsService && !_includeAwsServices)
        {
            o.Kind = ObservationKind.AwsService;
            return;
        }

        var eventName = e.EventName!;
        o.Kind = ObservationKind.Principal;
        o.Fingerprint = Fingerprint(e);
        o.Time = e.EventTimeSeconds;
        o.EventName = eventName;
        o.Region = e.AwsRegion;
        o.SourceIp = e.SourceIpAddress;
        o.Ip = IpLiteral.Normalize(e.SourceIpAddress);
        o.UserAgent = e.UserAgent;
        o.ErrorCode = e.ErrorCode;
        o.EventIdStart = ids.Append(e.EventIdUtf8);
        o.EventIdLength = e.EventIdLength;
        o.Flags = Flags(e, identity, eventName);
        for (var i = 0; i < _signatures.Count; i++)
        {
            if (_signatures[i].Matches(e, identity))
            {
                o.Signatures |= 1u << i;
            }
        }
    }

    private EventFlags Flags(CloudTrailEvent e, PrincipalIdentity identity, string eventName)
    {
        var flags = EventFlags.None;
        if (EventFacts.IsFailed(e))
        {
            flags |= EventFlags.Failed;
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

        if (EventFacts.IsGlobalRegion(e))
        {
            flags |= EventFlags.GlobalRegion;
        }

        if (_hours.IsOffHours(e.EventTimeSeconds))
        {
            flags |= EventFlags.OffHours;
        }

        return flags;
    }

    /// <summary>
    /// eventID alone is not unique in the wild (test fixtures reuse placeholders for different
    /// events); with time, name, outcome, address, agent, request and response it identifies a
    /// redelivered event, whatever container or formatting it came in.
    /// </summary>
    private ulong Fingerprint(CloudTrailEvent e)
    {
        if (e.EventIdLength == 0)
        {
            return 0;
        }

        var hash = StableHash.Add(StableHash.Seed, e.EventIdUtf8);
        hash = StableHash.Add(hash, e.EventTimeSeconds);
        hash = StableHash.Add(hash, (long)HashOf(e.EventName));
        hash = StableHash.Add(hash, (long)HashOf(e.ErrorCode));
        hash = StableHash.Add(hash, (long)HashOf(e.SourceIpAddress));
        hash = StableHash.Add(hash, (long)HashOf(e.UserAgent));
        hash = StableHash.Add(hash, (long)e.RequestHash);
        hash = StableHash.Add(hash, (long)e.ResponseHash);
        hash = StableHash.Add(hash, e.MfaUsed is null ? 0 : e.MfaUsed.Value ? 1 : 2);
        return hash == 0 ? 1 : hash;
    }

    /// <summary>The content hash of a string (the same for equal strings, whichever instance), remembered for the instances seen last.</summary>
    private ulong HashOf(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            // An absent value and an empty one fingerprint alike, as exports drop empty fields.
            return EmptyHash;
        }

        var slot = RuntimeHelpers.GetHashCode(value) & ((1 << HashedBits) - 1);
        if (ReferenceEquals(_hashed[slot], value))
        {
            return _hashes[slot];
        }

        var hash = StableHash.Of(value);
        _hashed[slot] = value;
        _hashes[slot] = hash;
        return hash;
    }
}
