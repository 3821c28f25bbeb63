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
        if (!IsCanonicalUuid(eventIdUtf8, out _uuid) && !eventIdUtf8.IsEmpty)
        {
            _text = System.Text.Encoding.UTF8.GetString(eventIdUtf8);
        }
    }

    internal EventDetail(Guid uuid, string? text, long time, string eventName, string? sourceIp, string? region, string? errorCode)
        : this(time, eventName, sourceIp, region, errorCode)
    {
        _uuid = uuid;
        _text = text;
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

    // A lowercase hex digit's value by its byte, 0xFF for every other byte (uppercase included). A
    // table, not comparisons: the digits of a random id would mispredict a branch every other byte.
    private static readonly byte[] LowerHex = HexTable();

    // Where each of the UUID's 16 bytes is written in its 8-4-4-4-12 text.
    private static ReadOnlySpan<byte> ByteOffsets => [0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34];

    // Lowercase hex digits in 8-4-4-4-12 groups: exactly what formatting the UUID gives back. Decoded
    // digit by digit, not parsed: every kept event's id comes through here (a Guid parse was 5% of aggregation).
    internal static bool IsCanonicalUuid(ReadOnlySpan<byte> utf8, out Guid uuid)
    {
        uuid = Guid.Empty;
        if (utf8.Length != 36 || utf8[8] != '-' || utf8[13] != '-' || utf8[18] != '-' || utf8[23] != '-')
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[16];
        var seen = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            var at = ByteOffsets[i];
            int high = LowerHex[utf8[at]], low = LowerHex[utf8[at + 1]];
            seen |= high | low;
            bytes[i] = (byte)((high << 4) | low);
        }

        if (seen > 0xF)
        {
            return false;
        }

        uuid = new Guid(bytes, bigEndian: true);
        return uuid != Guid.Empty;
    }

    private static byte[] HexTable()
    {
        var table = new byte[256];
        Array.Fill(table, (byte)0xFF);
        for (var c = '0'; c <= '9'; c++)
        {
            table[c] = (byte)(c - '0');
        }

        for (var c = 'a'; c <= 'f'; c++)
        {
            table[c] = (byte)(c - 'a' + 10);
        }

        return table;
    }
}
