using System.Text;

namespace IamUeba.Core.Features;

/// <summary>
/// An evidence event as a principal holds it while events stream by: a value in the principal's
/// array, made into an <see cref="EventDetail"/> only when a rule shows it. Until the evidence cap,
/// half of all events can be kept (50% of the generated load file's), so it holds no reference: its
/// strings are indexes into the analysis's <see cref="KeptText"/>. 48 bytes where five references
/// took 64, none for the collector to trace, and its chunks (<see cref="KeptEventStore"/>) are not zeroed.
/// </summary>
/// <param name="Uuid">The eventID when it is a UUID written as CloudTrail writes it (then <paramref name="IdText"/> is 0).</param>
/// <param name="IdText">Any other eventID, as the index of its text; 0 for none.</param>
internal readonly record struct KeptEvent(Guid Uuid, long Time, int IdText, int EventName, int SourceIp, int Region, int ErrorCode)
{
    public static KeptEvent From(ReadOnlySpan<byte> eventIdUtf8, long time, string eventName, string? sourceIp, string? region, string? errorCode, KeptText text)
    {
        var uuid = Guid.Empty;
        var idText = 0;
        if (!EventDetail.IsCanonicalUuid(eventIdUtf8, out uuid) && !eventIdUtf8.IsEmpty)
        {
            idText = text.IndexOf(Encoding.UTF8.GetString(eventIdUtf8));
        }

        return new KeptEvent(uuid, time, idText, text.IndexOf(eventName), text.IndexOf(sourceIp), text.IndexOf(region), text.IndexOf(errorCode));
    }

    public EventDetail ToDetail(KeptText text) =>
        new(Uuid, text[IdText], Time, text[EventName]!, text[SourceIp], text[Region], text[ErrorCode]);
}
