using IamUeba.Core.CloudTrail;
using IamUeba.Core.Features;
using IamUeba.Core.Principals;

namespace IamUeba.Core.Tests.Support;

/// <summary>What the pipeline made of one event: its principal and the facts of design §3.</summary>
public sealed record EventFact(
    string Part,
    EventOutcome Outcome,
    string? EventId,
    string EventName,
    long EventTime,
    string PrincipalKey,
    string PrincipalType,
    string? AccountId,
    string? SessionName,
    MfaState Mfa,
    bool Failed,
    string? SourceIp,
    string? RawSourceIp,
    bool GlobalRegion)
{
    public DateTimeOffset Time => DateTimeOffset.FromUnixTimeSeconds(EventTime);
}

/// <summary>
/// A sink in front of the real <see cref="FeatureAggregator"/> that writes down, for every event the
/// reader delivers, who it was keyed to and its facts, as the aggregator sees them.
/// </summary>
public sealed class EventRecorder : IEventSink
{
    private readonly FeatureAggregator _aggregator;
    private readonly PrincipalResolver _resolver;

    public EventRecorder(StringPool pool, DetectionOptions options)
    {
        var hours = new BusinessHours(TimeZoneResolver.Find(options.TimeZone)!, options.BusinessHoursStart, options.BusinessHoursEnd);
        _aggregator = new FeatureAggregator(pool, options, hours);
        _resolver = new PrincipalResolver(pool, options.KeyRolesBySession);
    }

    public FeatureAggregator Aggregator => _aggregator;

    public List<EventFact> Events { get; } = [];

    public string Part { get; set; } = string.Empty;

    public EventOutcome Add(CloudTrailEvent e)
    {
        var principal = _resolver.Resolve(e);
        var outcome = _aggregator.Add(e);
        Events.Add(new EventFact(
            Part,
            outcome,
            e.EventId,
            e.EventName ?? string.Empty,
            e.EventTimeSeconds,
            principal.Key,
            principal.Type,
            principal.AccountId,
            principal.SessionName,
            EventFacts.Mfa(e, principal),
            EventFacts.IsFailed(e),
            IpLiteral.Normalize(e.SourceIpAddress),
            e.SourceIpAddress,
            EventFacts.IsGlobalRegion(e)));
        return outcome;
    }
}
