namespace IamUeba.Core.Features;

/// <summary>FNV-1a over UTF-16: the same value on every run, unlike string.GetHashCode, so answers are reproducible.</summary>
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

    public static ulong Add(ulong hash, ReadOnlySpan<byte> value)
    {
        foreach (var b in value)
        {
            hash = (hash ^ b) * Prime;
        }

        return (hash ^ 0xFF) * Prime;
    }

    public static ulong Add(ulong hash, long value) => (hash ^ (ulong)value) * Prime;
}
