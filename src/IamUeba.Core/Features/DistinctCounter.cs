namespace IamUeba.Core.Features;

/// <summary>
/// Distinct values, exact up to a cap and approximate past it (linear counting over a 64 Kbit
/// bitmap), so that a leaked key used from a botnet's million addresses costs 8 KB, not a million strings.
/// </summary>
public sealed class DistinctCounter(int cap)
{
    private const int BitmapBits = 1 << 16;

    private readonly HashSet<string> _values = new(SeededStringComparer.Instance);
    private ulong[]? _bitmap;

    // The value added last: a principal repeats its address and agent from one event to the next,
    // and the same (interned) string needs no hashing to be known as counted.
    private string? _last;

    public bool IsApproximate => _bitmap is not null;

    public IReadOnlyCollection<string> Values => _values;

    public int Count
    {
        get
        {
            if (_bitmap is null)
            {
                return _values.Count;
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
        if (_bitmap is null)
        {
            if (_values.Count < cap || _values.Contains(value))
            {
                return _values.Add(value);
            }

            StartApproximating();
        }

        Mark(value);
        return false;
    }

    public void Merge(DistinctCounter other)
    {
        foreach (var value in other._values)
        {
            Add(value);
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

    private void StartApproximating()
    {
        _bitmap = new ulong[BitmapBits / 64];
        foreach (var kept in _values)
        {
            Mark(kept);
        }
    }

    private void Mark(string value)
    {
        var bit = (int)(StableHash.Of(value) & (BitmapBits - 1));
        _bitmap![bit >> 6] |= 1UL << (bit & 63);
    }
}
