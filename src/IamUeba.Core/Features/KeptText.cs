using System.Runtime.CompilerServices;

namespace IamUeba.Core.Features;

/// <summary>
/// The text of kept evidence events (event names, addresses, regions, error codes, eventIDs that
/// are not UUIDs), each distinct string once for the whole analysis, named by an index so that a
/// <see cref="KeptEvent"/> holds no reference. Up to half of all events are kept: as references
/// they were five for the collector to trace in each, and every array of them was zeroed when grown.
/// </summary>
internal sealed class KeptText
{
    private const int RecentBits = 12;

    private readonly Dictionary<string, int> _indexes = new(StringComparer.Ordinal);
    private readonly List<string?> _values = [null];

    // The indexes found last, by string instance: each reading thread interns its strings, so most
    // lookups are of an instance seen before and need no hashing of its characters.
    private readonly string?[] _recentValues = new string?[1 << RecentBits];
    private readonly int[] _recentIndexes = new int[1 << RecentBits];

    /// <summary>How many distinct strings are held.</summary>
    public int Count => _values.Count - 1;

    /// <summary>The string at an index; null for 0.</summary>
    public string? this[int index] => _values[index];

    /// <summary>The index of a string, added if new; 0 for null.</summary>
    public int IndexOf(string? value)
    {
        if (value is null)
        {
            return 0;
        }

        var slot = RuntimeHelpers.GetHashCode(value) & ((1 << RecentBits) - 1);
        if (ReferenceEquals(_recentValues[slot], value))
        {
            return _recentIndexes[slot];
        }

        if (!_indexes.TryGetValue(value, out var index))
        {
            index = _values.Count;
            _values.Add(value);
            _indexes.Add(value, index);
        }

        _recentValues[slot] = value;
        _recentIndexes[slot] = index;
        return index;
    }
}
