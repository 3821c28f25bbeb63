namespace IamUeba.Core.Features;

/// <summary>
/// The fingerprints of a principal's accepted events, to recognise an event delivered twice. It
/// holds one entry per event, so it is the largest thing that grows with an upload: values are
/// kept whole (the answer is exact) in buckets of about 32-64, each a plain array grown by half,
/// about 10 bytes an entry where an open-addressing table at 40-75% load takes 11-20, and
/// doubling the buckets copies one small bucket at a time instead of the whole table at once.
/// </summary>
public sealed class FingerprintSet
{
    private const int SplitAt = 64;

    // A seed of its own per set: an upload crafted so that many fingerprints share a bucket would
    // make every insert scan them all; without knowing the seed it cannot be crafted. Membership,
    // and so the answer, does not depend on it.
    private readonly ulong _seed = (ulong)Random.Shared.NextInt64();
    private ulong[][] _buckets = [new ulong[4]];
    private int[] _counts = [0];
    private int _bits;

    public int Count { get; private set; }

    /// <summary>Bytes held by the buckets (their unused ends included).</summary>
    public long Bytes => _buckets.Sum(b => (long)b.Length * sizeof(ulong)) + ((long)_buckets.Length * (sizeof(int) + 8));

    /// <summary>True when the value was not in the set.</summary>
    public bool Add(ulong value)
    {
        var home = Home(value ^ _seed, _bits);
        var count = _counts[home];
        var bucket = _buckets[home];
        if (bucket.AsSpan(0, count).Contains(value))
        {
            return false;
        }

        if (count == bucket.Length)
        {
            Array.Resize(ref bucket, count + (count / 2));
            _buckets[home] = bucket;
        }

        bucket[count] = value;
        _counts[home] = count + 1;
        Count++;
        if (Count > SplitAt << _bits)
        {
            Split();
        }

        return true;
    }

    // The top bits of the mixed value choose the bucket, so doubling sends each bucket's values
    // to two neighbours by the next bit.
    private static int Home(ulong value, int bits) => bits == 0 ? 0 : (int)(Mix(value) >> (64 - bits));

    // Fingerprints are hashes already, but a weak one would fill some buckets more than others.
    private static ulong Mix(ulong value) => (value ^ (value >> 31)) * 0xBF58476D1CE4E5B9UL;

    private void Split()
    {
        var bits = _bits + 1;
        var buckets = new ulong[1 << bits][];
        var counts = new int[1 << bits];
        for (var i = 0; i < _buckets.Length; i++)
        {
            var values = _buckets[i].AsSpan(0, _counts[i]);
            var high = 0;
            foreach (var value in values)
            {
                high += Home(value ^ _seed, bits) & 1;
            }

            var low = values.Length - high;
            buckets[2 * i] = new ulong[Math.Max(4, low + (low / 4))];
            buckets[(2 * i) + 1] = new ulong[Math.Max(4, high + (high / 4))];
            foreach (var value in values)
            {
                var home = Home(value ^ _seed, bits);
                buckets[home][counts[home]++] = value;
            }

            // Let the old bucket go now, not after the loop: the split never holds two copies of the set.
            _buckets[i] = [];
        }

        _buckets = buckets;
        _counts = counts;
        _bits = bits;
    }
}
