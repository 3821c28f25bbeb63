using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace IamUeba.Core.CloudTrail;

/// <summary>
/// Interns the strings that repeat across events (event names, regions, principals, agents) so that
/// reading a million events allocates each distinct value once. Bounded: past the cap, values are
/// still returned but no longer remembered, and every kept value is cut at a maximum length.
/// </summary>
public sealed class StringPool
{
    private const int RecentBits = 11;

    // The table's hash is seeded per process, as HashCode's is, so that no upload can be crafted in advance to collide in it.
    private static readonly long Seed = BitConverter.ToInt64(System.Security.Cryptography.RandomNumberGenerator.GetBytes(sizeof(long)));

    private readonly HashSet<string> _strings = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly int _maxEntries;

    // The hot path: an open-addressing table keyed by the UTF-8 bytes as they sit in the buffer, so a
    // repeated value costs one hash and one compare, no decoding.
    private Utf8Entry[] _utf8 = new Utf8Entry[4096];
    private int _utf8Count;

    // In front of it, the values seen last, one per slot chosen from a value's length and its first
    // and last eight bytes: most values repeat a recent event's, and that costs two loads where the
    // table's hash reads every byte. A value meeting another on its slot replaces it; the table
    // stays the record, so adversarial input makes this miss, never slow.
    private readonly Utf8Entry[] _recent = new Utf8Entry[1 << RecentBits];

    public StringPool(int maxLength = 1024, int maxEntries = 200_000)
    {
        MaxLength = maxLength;
        _maxEntries = maxEntries;
        _lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int MaxLength { get; }

    /// <summary>
    /// userIdentity objects interned as the strings are: the same bytes give the same reading, with
    /// this pool's instances. Kept here because the pool is what one reading thread owns.
    /// </summary>
    internal IdentityMemo Identities { get; } = new();

    /// <summary>How many values were longer than <see cref="MaxLength"/> and were cut.</summary>
    public long TruncatedValues { get; private set; }

    /// <summary>Counts values another pool cut (a worker's, when several threads read one upload).</summary>
    public void AddTruncated(long count) => TruncatedValues += count;

    /// <summary>Forgets the values cut since <paramref name="count"/> was read: their event is read again.</summary>
    internal void RestoreTruncated(long count) => TruncatedValues = count;

    /// <summary>The current string token, unescaped, interned, cut at <see cref="MaxLength"/> characters.</summary>
    public string Get(ref Utf8JsonReader reader) =>
        !reader.ValueIsEscaped && !reader.HasValueSequence ? Get(reader.ValueSpan) : GetUnescaped(ref reader);

    // Apart from the hot path above, which the JIT can then inline: it does not inline a method with a try.
    private string GetUnescaped(ref Utf8JsonReader reader)
    {
        var length = reader.HasValueSequence ? checked((int)reader.ValueSequence.Length) : reader.ValueSpan.Length;
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var written = reader.CopyString(rented);
            return Get(rented.AsSpan(0, written));
        }
        catch (InvalidOperationException)
        {
            // An escape with no text behind it (a lone surrogate, "\ud800") or escaped bytes that are
            // not UTF-8: keep the value as written rather than fail the upload.
            return Get(reader.ValueSpan);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty || utf8.Length > Math.Min(256, MaxLength))
        {
            return Decode(utf8);
        }

        ref var recent = ref _recent[RecentSlot(utf8)];
        return recent.Key is { } seen && seen.AsSpan().SequenceEqual(utf8) ? recent.Value : Lookup(utf8, ref recent);
    }

    private string Lookup(ReadOnlySpan<byte> utf8, ref Utf8Entry recent)
    {
        var hash = (int)System.IO.Hashing.XxHash3.HashToUInt64(utf8, Seed);
        var mask = _utf8.Length - 1;
        var slot = hash & mask;
        while (_utf8[slot].Key is { } key)
        {
            if (_utf8[slot].Hash == hash && key.AsSpan().SequenceEqual(utf8))
            {
                recent = _utf8[slot];
                return recent.Value;
            }

            slot = (slot + 1) & mask;
        }

        var value = Decode(utf8);
        if (_utf8Count < _maxEntries)
        {
            _utf8[slot] = recent = new Utf8Entry(utf8.ToArray(), value, hash);
            if (++_utf8Count * 2 > _utf8.Length)
            {
                GrowUtf8();
            }
        }

        return value;
    }

    private static int RecentSlot(ReadOnlySpan<byte> utf8)
    {
        ulong first, last;
        if (utf8.Length >= sizeof(ulong))
        {
            first = MemoryMarshal.Read<ulong>(utf8);
            last = MemoryMarshal.Read<ulong>(utf8[^sizeof(ulong)..]);
        }
        else
        {
            first = 0;
            foreach (var b in utf8)
            {
                first = (first << 8) | b;
            }

            last = 0;
        }

        var mixed = (first * 0x9E3779B97F4A7C15UL) ^ ((last + (ulong)utf8.Length) * 0xC2B2AE3D27D4EB4FUL);
        return (int)(mixed >> (64 - RecentBits));
    }

    private void GrowUtf8()
    {
        var old = _utf8;
        _utf8 = new Utf8Entry[old.Length * 2];
        var mask = _utf8.Length - 1;
        foreach (var entry in old)
        {
            if (entry.Key is null)
            {
                continue;
            }

            var slot = entry.Hash & mask;
            while (_utf8[slot].Key is not null)
            {
                slot = (slot + 1) & mask;
            }

            _utf8[slot] = entry;
        }
    }

    private string Decode(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty)
        {
            return string.Empty;
        }

        var maxBytes = MaxLength * 4;
        if (utf8.Length > maxBytes)
        {
            utf8 = utf8[..maxBytes];
        }

        char[]? rented = null;
        Span<char> chars = utf8.Length <= 256 ? stackalloc char[256] : (rented = ArrayPool<char>.Shared.Rent(utf8.Length));
        try
        {
            var count = Encoding.UTF8.GetChars(utf8, chars);
            if (count > MaxLength)
            {
                TruncatedValues++;
                count = MaxLength;
            }

            return Get(chars[..count]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    public string Get(ReadOnlySpan<char> chars)
    {
        if (_lookup.TryGetValue(chars, out var existing))
        {
            return existing;
        }

        var created = chars.ToString();
        if (_strings.Count < _maxEntries)
        {
            _strings.Add(created);
        }

        return created;
    }

    private readonly record struct Utf8Entry(byte[]? Key, string Value, int Hash);
}
