using IamUeba.Core.Principals;

namespace IamUeba.Core.Features;

/// <summary>
/// What one event says, worked out without touching any principal's state: who, when, where, which
/// facts and which signatures. Observing is the costly half of aggregation and runs on any thread;
/// <see cref="FeatureAggregator.Apply"/> then adds observations to the principals, in file order.
/// </summary>
internal struct EventObservation
{
    public ObservationKind Kind;
    public PrincipalIdentity Identity;
    public ulong Fingerprint;
    public EventFlags Flags;
    public long Time;
    public string EventName;
    public string? Region;
    public string? Ip;
    public string? SourceIp;
    public string? UserAgent;
    public string? ErrorCode;

    /// <summary>Which of the aggregator's signatures matched, one bit each.</summary>
    public uint Signatures;

    /// <summary>Where the eventID's UTF-8 sits in the observer's <see cref="EventIdArena"/>: decoded only if the event is kept as evidence.</summary>
    public int EventIdStart;
    public int EventIdLength;
}
