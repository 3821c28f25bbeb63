using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace IamUeba.Core.Features;

/// <summary>
/// Distinct values, exact up to a cap and approximate past it (linear counting over a 64 Kbit
/// bitmap), so that a leaked key used from a botnet's million addresses costs 8 KB, not a million strings.
/// </summary>
public sealed class DistinctCounter(int cap)
{
    private const int BitmapBits = 1 << 16;

    // Seeded per process, so that an upload cannot be crafted to pile its values onto one run of slots.
    private static readonly long Seed = Random.Shared.NextInt64();

    // The exact values in one flat table (open addressing, linear probing) of hash and value side by
    // side: a probe reads one array where a HashSet reads its buckets, then its entries. Every event
    // of a principal adds to three of these, and with thousands of principals each is cold in cache.
    private Slot[] _slots = new Slot[8];
    private int _kept;
    private ulong[]? _bitmap;

    // The value added last: a principal repeats its address and agent from one event to the next,
    // and the same (interned) string needs no hashing to be known as counted.
    private string? _last;

    public bool IsApproximate => _bitmap is not null;

    /// <summary>The values counted exactly (at most the cap), in no particular order.</summary>
    public IReadOnlyCollection<string> Values => [.. _slots.Where(s => s.Value is not null).Select(s => s.Value!)];

    public int Count
    {
        get
        {
            if (_bitmap is null)
            {
                return _kept;
            }

            var zeros = BitmapBits - _bitmap.Sum(word => System.Numerics.BitOperations.PopCount(word));
            return zeros == 0 ? BitmapBits * 8 : (int)Math.Round(-BitmapBits * Math.Log((double)zeros / BitmapBits));
        }
    }

    /// <summary>Counts a value; true when it is new and counted exactly (past the cap, newness is not known: false).</summary>
    public bool Add(string value)
    {
        if (ReferenceEquals(value, _last))
        {
            return false;
        }

        _last = value;
        var hash = Hash(value);
        var mask = _slots.Length - 1;
        var at = (int)hash & mask;
        while (_slots[at].Value is { } kept)
        {
            if (_slots[at].Hash == hash && (ReferenceEquals(kept, value) || string.Equals(kept, value, StringComparison.Ordinal)))
            {
                return false;
            }

            at = (at + 1) & mask;
        }

        if (_bitmap is null && _kept < cap)
        {
            _slots[at] = new Slot(hash, value);
            _kept++;
            if (_kept * 2 > _slots.Length)
            {
                Grow();
            }

            return true;
        }

        if (_bitmap is null)
        {
            StartApproximating();
        }

        Mark(value);
        return false;
    }

    public void Merge(DistinctCounter other)
    {
        foreach (var slot in other._slots)
        {
            if (slot.Value is not null)
            {
                Add(slot.Value);
            }
        }

        if (other._bitmap is not null)
        {
            if (_bitmap is null)
            {
                StartApproximating();
            }

            for (var i = 0; i < other._bitmap.Length; i++)
            {
                _bitmap![i] |= other._bitmap[i];
            }
        }
    }

    private static int Hash(string value) => (int)XxHash3.HashToUInt64(MemoryMarshal.AsBytes(value.AsSpan()), Seed);

    private void Grow()
    {
        var old = _slots;
        _slots = new Slot[old.Length * 2];
        var mask = _slots.Length - 1;
        foreach (var slot in old)
        {
            if (slot.Value is null)
            {
                continue;
            }

            var at = slot.Hash & mask;
            while (_slots[at].Value is not null)
            {
                at = (at + 1) & mask;
            }

            _slots[at] = slot;
        }
    }

    private void StartApproximating()
    {
        _bitmap = new ulong[BitmapBits / 64];
        foreach (var slot in _slots)
        {
            if (slot.Value is not null)
            {
                Mark(slot.Value);
            }
        }
    }

    private void Mark(string value)
    {
        var bit = (int)(StableHash.Of(value) & (BitmapBits - 1));
        _bitmap![bit >> 6] |= 1UL << (bit & 63);
    }

    private readonly record struct Slot(int Hash, string? Value);
}
