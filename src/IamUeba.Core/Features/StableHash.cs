using System.IO.Hashing;

namespace IamUeba.Core.Features;

/// <summary>Hashes that are the same on every run, unlike string.GetHashCode, so answers are reproducible. Text is FNV-1a over UTF-16.</summary>
public static class StableHash
{
    /// <summary>Where a hash built with the Add methods starts.</summary>
    public const ulong Seed = 14695981039346656037;

    private const ulong Prime = 1099511628211;

    public static ulong Of(ReadOnlySpan<char> value) => Add(Seed, value);

    public static ulong Add(ulong hash, ReadOnlySpan<char> value)
    {
        foreach (var c in value)
        {
            hash = (hash ^ c) * Prime;
        }

        return (hash ^ 0xFF) * Prime;
    }

    /// <summary>
    /// Bytes (request and response values, event ids) go through XXH3 seeded with the hash so far:
    /// eight bytes a step where FNV takes one, the same on every run all the same.
    /// </summary>
    public static ulong Add(ulong hash, ReadOnlySpan<byte> value) =>
        (hash ^ XxHash3.HashToUInt64(value, unchecked((long)hash))) * Prime;

    public static ulong Add(ulong hash, long value) => (hash ^ (ulong)value) * Prime;
}
