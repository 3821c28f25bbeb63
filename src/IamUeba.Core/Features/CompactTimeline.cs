namespace IamUeba.Core.Features;

/// <summary>
/// A principal's timeline while events stream in: each <see cref="Timeline"/> entry written as a
/// few bytes relative to the one before (about 2-4 bytes where the packed entry takes 8), in chunks
/// that are never copied. A 10 GB upload holds millions of entries, so this is most of what grows
/// with it; <see cref="Decode"/> gives the packed entries back, in append order, once all are in.
/// </summary>
/// <remarks>
/// An entry is: one byte of flags, its top bit set when a region change or a kept detail follows;
/// the time's difference to the previous entry (zigzag varint: uploads are not always in time
/// order); then, after the top bit, varint (detail &lt;&lt; 1 | region changed) and the new region.
/// </remarks>
public sealed class CompactTimeline
{
    private const int FirstChunk = 32;
    // Small enough that the last chunk's unused end stays small beside a principal's timeline
    // (with 16 KB chunks the ends were about a quarter of the timelines at 10 GB).
    private const int LargestChunk = 2 * 1024;

    // One byte, a 64-bit varint (10), a 14-bit varint (2) and a 10-bit one (2).
    private const int LongestEntry = 15;

    private readonly List<byte[]> _chunks = [];
    private readonly List<int> _used = [];
    private byte[] _chunk = new byte[FirstChunk];
    private int _at;
    private long _lastTime;
    private int _lastRegion;

    // Where the last entry's two detail bytes are, when it was appended with room for them (else -1).
    private int _slotAt = -1;
    private bool _slotRegionChanged;

    public int Count { get; private set; }

    /// <summary>Bytes held, chunks' unused ends included.</summary>
    public long Bytes => _chunks.Sum(c => (long)c.Length) + _chunk.Length;

    public void Append(long entry) => Append(entry, reserveDetail: false);

    /// <summary>
    /// Appends an entry whose detail <see cref="SetLastDetail"/> may set until the next entry is
    /// appended: its detail is written in two bytes whatever its value.
    /// </summary>
    public void AppendWithDetailSlot(long entry) => Append(entry, reserveDetail: true);

    /// <summary>The time of the entry appended last (0 before any).</summary>
    public long LastTime => _lastTime;

    /// <summary>Sets the detail of the last entry, appended by <see cref="AppendWithDetailSlot"/>.</summary>
    public void SetLastDetail(int detail)
    {
        if (_slotAt < 0)
        {
            throw new InvalidOperationException("The last entry has no room for a detail.");
        }

        // Two varint bytes whatever the value (0x80 | low, high: a longer form than needed, which reads the same).
        var value = (detail << 1) | (_slotRegionChanged ? 1 : 0);
        _chunk[_slotAt] = (byte)(value | 0x80);
        _chunk[_slotAt + 1] = (byte)(value >> 7);
    }

    private void Append(long entry, bool reserveDetail)
    {
        if (_chunk.Length - _at < LongestEntry)
        {
            _chunks.Add(_chunk);
            _used.Add(_at);
            _chunk = new byte[Math.Min(LargestChunk, _chunk.Length * 2)];
            _at = 0;
        }

        var time = Timeline.Time(entry);
        var region = Timeline.Region(entry);
        var detail = Timeline.Detail(entry);
        var regionChanged = region != _lastRegion;
        var more = regionChanged || detail != 0 || reserveDetail;
        _chunk[_at++] = (byte)((int)Timeline.Flags(entry) | (more ? 0x80 : 0));
        var delta = time - _lastTime;
        WriteVarint((ulong)((delta << 1) ^ (delta >> 63)));
        _slotAt = -1;
        if (more)
        {
            if (reserveDetail)
            {
                _slotAt = _at;
                _slotRegionChanged = regionChanged;
                _at += 2;
                SetLastDetail(detail);
            }
            else
            {
                WriteVarint(((ulong)detail << 1) | (regionChanged ? 1UL : 0));
            }

            if (regionChanged)
            {
                WriteVarint((ulong)region);
            }
        }

        _lastTime = time;
        _lastRegion = region;
        Count++;
    }

    /// <summary>The packed entries in the order they were appended.</summary>
    public long[] Decode()
    {
        var entries = new long[Count];
        DecodeInto(entries);
        return entries;
    }

    /// <summary>Writes the packed entries, in append order, to the start of <paramref name="entries"/> (at least <see cref="Count"/> long).</summary>
    public void DecodeInto(Span<long> entries)
    {
        var n = 0;
        long time = 0;
        var region = 0;
        for (var c = 0; c <= _chunks.Count; c++)
        {
            var chunk = c < _chunks.Count ? _chunks[c] : _chunk;
            var end = c < _chunks.Count ? _used[c] : _at;
            var at = 0;
            while (at < end)
            {
                var head = chunk[at++];
                var zigzag = ReadVarint(chunk, ref at);
                time += (long)(zigzag >> 1) ^ -(long)(zigzag & 1);
                var detail = 0;
                if ((head & 0x80) != 0)
                {
                    var extra = ReadVarint(chunk, ref at);
                    detail = (int)(extra >> 1);
                    if ((extra & 1) != 0)
                    {
                        region = (int)ReadVarint(chunk, ref at);
                    }
                }

                entries[n++] = Timeline.Pack(time, region, (EventFlags)(head & 0x7F), detail);
            }
        }
    }

    private void WriteVarint(ulong value)
    {
        while (value >= 0x80)
        {
            _chunk[_at++] = (byte)(value | 0x80);
            value >>= 7;
        }

        _chunk[_at++] = (byte)value;
    }

    private static ulong ReadVarint(byte[] chunk, ref int at)
    {
        ulong value = 0;
        var shift = 0;
        byte b;
        do
        {
            b = chunk[at++];
            value |= (ulong)(b & 0x7F) << shift;
            shift += 7;
        }
        while (b >= 0x80);

        return value;
    }
}
