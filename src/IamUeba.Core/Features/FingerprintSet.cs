using System.Runtime.InteropServices;

namespace IamUeba.Core.Features;

/// <summary>
/// The fingerprints of an analysis's accepted events, to recognise an event delivered twice. It
/// holds one entry per event, so it is the largest thing that grows with an upload. Values are kept
/// exactly, in buckets of about 32-128 chosen by the low bits of the mixed value (linear hashing:
/// one bucket splits at a time, so growing never copies the set at once). Once a bucket is chosen
/// by 16 bits or more, those bits need not be stored: its entries take 6 bytes instead of 8 (from
/// about 4 million events on, where an upload's memory is tightest).
/// </summary>
public sealed class FingerprintSet
{
    // From this depth on a bucket stores the mixed value without its low 16 bits: 32 bits, then 16.
    private const int CompactDepth = 16;

    // Average entries a bucket before the next one splits.
    private readonly int _splitAt;

    // A seed of its own per set: an upload crafted so that many fingerprints share a bucket would
    // make every insert scan them all; without knowing the seed it cannot be crafted. Membership,
    // and so the answer, does not depend on it.
    private readonly ulong _seed;

    // A bucket is one uint[]: its count, the stored values' low 32 bits, then their high bits (32
    // each while the bucket is chosen by fewer than 16 bits, 16 after). A lookup reads one array
    // and scans 4 bytes an entry.
    private uint[][] _buckets = [NewBucket(4, 0), null!];

    // Buckets 0 to 2^level + next - 1 are in use; those under next and from 2^level up are chosen
    // by level + 1 bits, the others by level bits.
    private int _level;
    private int _next;

    public FingerprintSet()
        : this(splitAt: 64, seed: (ulong)Random.Shared.NextInt64())
    {
    }

    /// <param name="splitAt">Entries a bucket on average before the next splits; small values let tests reach deep buckets with few entries.</param>
    /// <param name="seed">Tests choose it to place values in buckets.</param>
    internal FingerprintSet(int splitAt, ulong seed)
    {
        _splitAt = splitAt;
        _seed = seed;
    }

    public int Count { get; private set; }

    /// <summary>Bits that choose a bucket not split yet in this round (those split take one more).</summary>
    internal int Level => _level;

    /// <summary>Bytes held by the buckets (their unused ends included) and the table that finds them.</summary>
    public long Bytes
    {
        get
        {
            var bytes = (long)_buckets.Length * sizeof(long);
            for (var i = 0; i < BucketCount; i++)
            {
                // An array's header and length, then its items.
                bytes += 24 + ((long)_buckets[i].Length * sizeof(uint));
            }

            return bytes;
        }
    }

    private int BucketCount => (1 << _level) + _next;

    /// <summary>True when the value was not in the set.</summary>
    public bool Add(ulong value)
    {
        var mixed = Mix(value ^ _seed);
        var index = IndexOf(mixed);
        var depth = DepthOf(index);
        var stored = Stored(mixed, depth);
        var bucket = _buckets[index];
        var count = (int)bucket[0];
        if (Contains(bucket, count, depth, stored))
        {
            return false;
        }

        if (count == Capacity(bucket, depth))
        {
            bucket = Resized(bucket, depth, count + Math.Max(2, count / 2));
            _buckets[index] = bucket;
        }

        Write(bucket, count, depth, stored);
        bucket[0] = (uint)count + 1;
        Count++;
        if (Count > (long)_splitAt * BucketCount)
        {
            SplitNext();
        }

        return true;
    }

    // A full 64-bit mix (murmur3's finaliser, a bijection): the low bits choose the bucket, and with
    // a weaker mix they would depend on only some of the fingerprint's bits.
    private static ulong Mix(ulong value)
    {
        value ^= value >> 33;
        value *= 0xFF51AFD7ED558CCDUL;
        value ^= value >> 33;
        value *= 0xC4CEB9FE1A85EC53UL;
        return value ^ (value >> 33);
    }

    private int IndexOf(ulong mixed)
    {
        var index = (int)(mixed & ((1UL << _level) - 1));
        return index < _next ? (int)(mixed & ((1UL << (_level + 1)) - 1)) : index;
    }

    private int DepthOf(int index) => index < _next || index >= 1 << _level ? _level + 1 : _level;

    // Capacities are even, so that a compact bucket's 16-bit halves fill whole uints.
    private static uint[] NewBucket(int capacity, int depth) =>
        new uint[1 + (depth >= CompactDepth ? capacity / 2 * 3 : capacity * 2)];

    private static int EvenCapacity(int wanted) => Math.Max(4, (wanted + 1) & ~1);

    private static int Capacity(uint[] bucket, int depth) => depth >= CompactDepth ? (bucket.Length - 1) / 3 * 2 : (bucket.Length - 1) / 2;

    private static bool Contains(uint[] bucket, int count, int depth, ulong stored)
    {
        var lows = bucket.AsSpan(1, count);
        var capacity = Capacity(bucket, depth);
        var low = (uint)stored;
        var from = 0;
        while (from < count)
        {
            var found = lows[from..].IndexOf(low);
            if (found < 0)
            {
                return false;
            }

            var at = from + found;
            if (High(bucket, capacity, depth, at) == stored >> 32)
            {
                return true;
            }

            from = at + 1;
        }

        return false;
    }

    private static ulong High(uint[] bucket, int capacity, int depth, int at) =>
        depth >= CompactDepth ? MemoryMarshal.Cast<uint, ushort>(bucket.AsSpan(1 + capacity))[at] : bucket[1 + capacity + at];

    private static ulong Read(uint[] bucket, int capacity, int depth, int at) => (High(bucket, capacity, depth, at) << 32) | bucket[1 + at];

    private static void Write(uint[] bucket, int at, int depth, ulong stored)
    {
        var capacity = Capacity(bucket, depth);
        bucket[1 + at] = (uint)stored;
        if (depth >= CompactDepth)
        {
            MemoryMarshal.Cast<uint, ushort>(bucket.AsSpan(1 + capacity))[at] = (ushort)(stored >> 32);
        }
        else
        {
            bucket[1 + capacity + at] = (uint)(stored >> 32);
        }
    }

    private static uint[] Resized(uint[] bucket, int depth, int capacity)
    {
        var grown = NewBucket(EvenCapacity(capacity), depth);
        var old = Capacity(bucket, depth);
        grown[0] = bucket[0];
        for (var i = 0; i < (int)bucket[0]; i++)
        {
            Write(grown, i, depth, Read(bucket, old, depth, i));
        }

        return grown;
    }

    // Splits bucket next (chosen by level bits) into itself and next + 2^level, by bit level of the
    // mixed value; after the last bucket of a round, every bucket is chosen by one bit more.
    private void SplitNext()
    {
        var from = _next;
        var to = from + (1 << _level);
        if (to >= _buckets.Length)
        {
            Array.Resize(ref _buckets, _buckets.Length * 2);
        }

        var depth = _level;
        var bucket = _buckets[from];
        var count = (int)bucket[0];
        var capacity = Capacity(bucket, depth);
        var moving = 0;
        for (var i = 0; i < count; i++)
        {
            moving += (int)(Mixed(Read(bucket, capacity, depth, i), depth) >> _level) & 1;
        }

        // A quarter more room than each half needs, as a bucket grown by half has on average.
        var staying = count - moving;
        var low = NewBucket(EvenCapacity(staying + (staying / 4)), depth + 1);
        var high = NewBucket(EvenCapacity(moving + (moving / 4)), depth + 1);
        for (var i = 0; i < count; i++)
        {
            var mixed = Mixed(Read(bucket, capacity, depth, i), depth);
            var half = ((mixed >> _level) & 1) == 0 ? low : high;
            Write(half, (int)half[0]++, depth + 1, Stored(mixed, depth + 1));
        }

        _buckets[from] = low;
        _buckets[to] = high;
        if (++_next == 1 << _level)
        {
            _level++;
            _next = 0;
        }
    }

    // What a bucket at this depth stores of a mixed value: a compact bucket leaves out the low 16
    // bits, which its index holds.
    private static ulong Stored(ulong mixed, int depth) => depth >= CompactDepth ? mixed >> CompactDepth : mixed;

    // The mixed value of an entry, but for a compact bucket's low 16 bits (its index's): a split
    // reads the bit above the bucket's depth, and deeper buckets do not store them either.
    private static ulong Mixed(ulong stored, int depth) => depth >= CompactDepth ? stored << CompactDepth : stored;
}
