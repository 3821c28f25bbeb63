namespace IamUeba.Core.Features;

/// <summary>
/// A set of 64-bit values in one flat array (open addressing, linear probing): 8 bytes a slot,
/// where a HashSet&lt;ulong&gt; spends 20 and a pointer chase. It holds the time slices that
/// came late, out of time order (see <see cref="SliceSet"/>), while the analysis still keeps evidence.
/// </summary>
public sealed class LongSet
{
    // Its own seed, so that an upload cannot be crafted to pile its keys into one run of slots.
    private readonly ulong _seed = (ulong)Random.Shared.NextInt64();
    private ulong[] _slots = new ulong[16];
    private bool _hasZero;

    public int Count { get; private set; }

    public long Bytes => (long)_slots.Length * sizeof(ulong);

    /// <summary>True when the value was not in the set.</summary>
    public bool Add(ulong value)
    {
        if (value == 0)
        {
            // Zero marks an empty slot, so it is remembered apart.
            var added = !_hasZero;
            _hasZero = true;
            Count += added ? 1 : 0;
            return added;
        }

        var mask = _slots.Length - 1;
        var slot = (int)(Mix(value ^ _seed) & (ulong)mask);
        while (_slots[slot] is var existing and not 0)
        {
            if (existing == value)
            {
                return false;
            }

            slot = (slot + 1) & mask;
        }

        _slots[slot] = value;
        Count++;
        if (Count * 4 > _slots.Length * 3)
        {
            Grow();
        }

        return true;
    }

    // Fingerprints are already hashes, but slice keys are not: spread them over the table.
    private static ulong Mix(ulong value) => (value ^ (value >> 29)) * 0xBF58476D1CE4E5B9UL >> 17;

    private void Grow()
    {
        var old = _slots;
        _slots = new ulong[old.Length * 2];
        var mask = _slots.Length - 1;
        foreach (var value in old)
        {
            if (value == 0)
            {
                continue;
            }

            var slot = (int)(Mix(value ^ _seed) & (ulong)mask);
            while (_slots[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            _slots[slot] = value;
        }
    }
}
