using System.Buffers.Binary;
using System.Text;

namespace IamUeba.Core.Features;

/// <summary>
/// An evidence event as a principal holds it while events stream by: a value in the principal's
/// array, made into an <see cref="EventDetail"/> only when a rule shows it. Until the evidence cap,
/// half of all events can be kept (50% of the generated load file's), so it holds no reference: its
/// strings are indexes into the analysis's <see cref="KeptText"/>. 40 bytes where five references
/// took 64, none for the collector to trace, and its chunks (<see cref="KeptEventStore"/>) are not zeroed.
/// </summary>
internal readonly record struct KeptEvent
{
    // The eventID's UUID, or, when the event name's index has its sign bit set, the index of the
    // eventID's text in the first 4 bytes: an id is one or the other, and sharing the 16 bytes keeps
    // the value at 40 bytes instead of 48 (4 MB at 10 GB, where 500,000 are kept).
    private readonly Guid _id;
    private readonly long _time;
    private readonly int _eventName;
    private readonly int _sourceIp;
    private readonly int _region;
    private readonly int _errorCode;

    /// <param name="uuid">The eventID when it is a UUID written as CloudTrail writes it (then <paramref name="idText"/> is 0).</param>
    /// <param name="idText">Any other eventID, as the index of its text; 0 for none.</param>
    public KeptEvent(Guid uuid, long time, int idText, int eventName, int sourceIp, int region, int errorCode)
    {
        if (idText != 0 && uuid != Guid.Empty)
        {
            throw new ArgumentException("An eventID is a UUID or a text, not both.", nameof(idText));
        }

        _id = idText == 0 ? uuid : new Guid(idText, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        _time = time;
        _eventName = idText == 0 ? eventName : eventName | int.MinValue;
        _sourceIp = sourceIp;
        _region = region;
        _errorCode = errorCode;
    }

    public Guid Uuid => HasIdText ? Guid.Empty : _id;

    public int IdText
    {
        get
        {
            if (!HasIdText)
            {
                return 0;
            }

            Span<byte> bytes = stackalloc byte[16];
            _id.TryWriteBytes(bytes);
            return BinaryPrimitives.ReadInt32LittleEndian(bytes);
        }
    }

    public long Time => _time;

    public int EventName => _eventName & int.MaxValue;

    public int SourceIp => _sourceIp;

    public int Region => _region;

    public int ErrorCode => _errorCode;

    private bool HasIdText => _eventName < 0;

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
