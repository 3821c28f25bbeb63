using System.Text;

namespace IamUeba.Core.Features;

/// <summary>
/// An evidence event as a principal holds it while events stream by: a value in the principal's
/// array, made into an <see cref="EventDetail"/> only when a rule shows it. Until the evidence cap,
/// half of all events can be kept (50% of the generated load file's); as objects of their own they all
/// outlived the young generation and were copied by the collector on their way to the old one.
/// </summary>
/// <param name="Uuid">The eventID when it is a UUID written as CloudTrail writes it (then <paramref name="IdText"/> is null).</param>
/// <param name="IdText">Any other eventID, as text.</param>
internal readonly record struct KeptEvent(Guid Uuid, string? IdText, long Time, string EventName, string? SourceIp, string? Region, string? ErrorCode)
{
    public static KeptEvent From(ReadOnlySpan<byte> eventIdUtf8, long time, string eventName, string? sourceIp, string? region, string? errorCode)
    {
        if (EventDetail.IsCanonicalUuid(eventIdUtf8, out var uuid))
        {
            return new KeptEvent(uuid, null, time, eventName, sourceIp, region, errorCode);
        }

        var text = eventIdUtf8.IsEmpty ? null : Encoding.UTF8.GetString(eventIdUtf8);
        return new KeptEvent(Guid.Empty, text, time, eventName, sourceIp, region, errorCode);
    }

    public EventDetail ToDetail() => new(in this);
}
