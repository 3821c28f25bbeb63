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
    private const int NameBits = 10;
    private static readonly ulong EmptyHash = StableHash.Of([]);

    // The hashes of the strings fingerprinted last, by reference: the pool interns them and events
    // repeat their agent, name and address, so a long user agent is hashed once, not every event.
    private readonly string?[] _hashed = new string?[1 << HashedBits];
    private readonly ulong[] _hashes = new ulong[1 << HashedBits];

    // What an event's name alone decides (high-risk, admin, which signatures it can match), by the
    // name's instance: the pool interns names, so a repeated name costs a reference compare where
    // the catalog and each signature would hash it again.
    private readonly string?[] _names = new string?[1 << NameBits];
    private readonly NameFacts[] _nameFacts = new NameFacts[1 << NameBits];

    // The signatures that any event name can match (root activity ...).
    private readonly uint _anyName;

    internal EventObserver(StringPool pool, DetectionOptions options, ActionCatalog catalog, BusinessHours hours, IReadOnlyList<IEventSignature> signatures)
    {
        _resolver = new PrincipalResolver(pool, options.KeyRolesBySession);
        _catalog = catalog;
        _hours = hours;
        _includeAwsServices = options.IncludeAwsServices;
        _signatures = signatures;
        for (var i = 0; i < signatures.Count; i++)
        {
            _anyName |= signatures[i].EventNames is null ? 1u << i : 0;
        }
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
        var named = FactsOf(eventName);
        o.Flags = Flags(e, identity, named.Flags);
        for (var candidates = named.Signatures | _anyName; candidates != 0; candidates &= candidates - 1)
        {
            var i = System.Numerics.BitOperations.TrailingZeroCount(candidates);
            if (_signatures[i].Matches(e, identity))
            {
                o.Signatures |= 1u << i;
            }
        }
    }

    private NameFacts FactsOf(string eventName)
    {
        var slot = RuntimeHelpers.GetHashCode(eventName) & ((1 << NameBits) - 1);
        if (ReferenceEquals(_names[slot], eventName))
        {
            return _nameFacts[slot];
        }

        var flags = (_catalog.IsHighRisk(eventName) ? EventFlags.HighRisk : EventFlags.None)
            | (_catalog.IsAdmin(eventName) ? EventFlags.Admin : EventFlags.None);
        var signatures = 0u;
        for (var i = 0; i < _signatures.Count; i++)
        {
            signatures |= _signatures[i].EventNames?.Contains(eventName) == true ? 1u << i : 0;
        }

        _names[slot] = eventName;
        return _nameFacts[slot] = new NameFacts(flags, signatures);
    }

    private EventFlags Flags(CloudTrailEvent e, PrincipalIdentity identity, EventFlags named)
    {
        var flags = named;
        if (EventFacts.IsFailed(e))
        {
            flags |= EventFlags.Failed;
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

    private readonly record struct NameFacts(EventFlags Flags, uint Signatures);
}
