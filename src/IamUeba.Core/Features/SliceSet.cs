namespace IamUeba.Core.Features;

/// <summary>
/// A principal's time slices seen so far (keys that grow with time). Events mostly arrive in time
/// order, so a new key is mostly above every key before it: it is appended to a sorted array (one
/// compare and a write at its end) instead of hashed into a set, whose probes and rehashing cost a
/// cache miss or more each with thousands of principals. A key below the largest is looked up in
/// the array by binary search, and kept in a <see cref="LongSet"/> when it is new.
/// </summary>
public sealed class SliceSet
{
    private ulong[] _sorted = new ulong[8];
    private int _count;
    private LongSet? _late;

    public long Bytes => ((long)_sorted.Length * sizeof(ulong)) + (_late?.Bytes ?? 0);

    /// <summary>True when the key was not in the set.</summary>
    public bool Add(ulong key)
    {
        if (_count == 0 || key > _sorted[_count - 1])
        {
            if (_count == _sorted.Length)
            {
                Array.Resize(ref _sorted, _count * 2);
            }

            _sorted[_count++] = key;
            return true;
        }

        return Array.BinarySearch(_sorted, 0, _count, key) < 0 && (_late ??= new LongSet()).Add(key);
    }
}
