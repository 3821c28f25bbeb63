using System.Buffers.Text;
using System.Text;

namespace IamUeba.Core.Features;

/// <summary>An event kept in full enough to show an analyst as evidence.</summary>
public sealed record EventDetail
{
    // Up to one kept event in two is a detail on busy uploads, so the eventID is kept as the 16 bytes
    // of its UUID when it is one written as CloudTrail writes it (lowercase, hyphens), else as text.
    private readonly Guid _uuid;
    private readonly string? _text;

    public EventDetail(string? eventId, long time, string eventName, string? sourceIp, string? region, string? errorCode)
        : this(time, eventName, sourceIp, region, errorCode) => _text = eventId;

    internal EventDetail(ReadOnlySpan<byte> eventIdUtf8, long time, string eventName, string? sourceIp, string? region, string? errorCode)
        : this(time, eventName, sourceIp, region, errorCode)
    {
        if (IsCanonicalUuid(eventIdUtf8, out var uuid))
        {
            _uuid = uuid;
        }
        else if (!eventIdUtf8.IsEmpty)
        {
            _text = Encoding.UTF8.GetString(eventIdUtf8);
        }
    }

    private EventDetail(long time, string eventName, string? sourceIp, string? region, string? errorCode)
    {
        Time = time;
        EventName = eventName;
        SourceIp = sourceIp;
        Region = region;
        ErrorCode = errorCode;
    }

    public string? EventId => _text ?? (_uuid == Guid.Empty ? null : _uuid.ToString("D"));

    public long Time { get; }

    public string EventName { get; }

    public string? SourceIp { get; }

    public string? Region { get; }

    public string? ErrorCode { get; }

    // Lowercase hex digits in 8-4-4-4-12 groups: exactly what formatting the parsed UUID gives back.
    private static bool IsCanonicalUuid(ReadOnlySpan<byte> utf8, out Guid uuid)
    {
        uuid = Guid.Empty;
        if (utf8.Length != 36)
        {
            return false;
        }

        for (var i = 0; i < 36; i++)
        {
            var b = utf8[i];
            var ok = i is 8 or 13 or 18 or 23 ? b == '-' : b is (>= (byte)'0' and <= (byte)'9') or (>= (byte)'a' and <= (byte)'f');
            if (!ok)
            {
                return false;
            }
        }

        return Utf8Parser.TryParse(utf8, out uuid, out _, 'D') && uuid != Guid.Empty;
    }
}
