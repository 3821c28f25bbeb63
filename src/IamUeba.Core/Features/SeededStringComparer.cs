using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace IamUeba.Core.Features;

/// <summary>
/// Ordinal string equality hashed by XXH3 over the UTF-16 bytes, eight bytes a step where the
/// ordinal comparer's hash takes two characters, seeded per process so that an upload cannot be
/// crafted to pile its values (user agents, addresses) onto one hash. For the distinct-value sets,
/// whose values are mostly long and new; the answer never depends on the hash.
/// </summary>
internal sealed class SeededStringComparer : IEqualityComparer<string>
{
    public static readonly SeededStringComparer Instance = new();

    private readonly long _seed = Random.Shared.NextInt64();

    public bool Equals(string? x, string? y) => string.Equals(x, y, StringComparison.Ordinal);

    public int GetHashCode(string value) => (int)XxHash3.HashToUInt64(MemoryMarshal.AsBytes(value.AsSpan()), _seed);
}
