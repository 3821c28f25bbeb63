namespace IamUeba.Cli.Generate;

/// <summary>
/// Every random choice comes from a <see cref="Random"/> seeded from the run's seed and where the
/// choice is made (a principal, an hour, a scenario). Nothing depends on generation order, so the
/// same options give the same bytes whether hours are generated forwards or backwards, and
/// <see cref="HashCode"/> and <see cref="Guid.NewGuid"/> (random per process) are never used.
/// </summary>
internal static class Seeds
{
    /// <summary>Named streams, so two purposes with the same numbers never share a sequence.</summary>
    public enum Stream : ulong
    {
        Population = 1,
        PrincipalHour = 2,
        PrincipalDay = 3,
        Scenario = 4,
        Output = 5,
        Allocation = 6,
        Victims = 7,
    }

    public static Random For(int seed, Stream stream, long a = 0, long b = 0) =>
        new(Derive(seed, stream, a, b));

    /// <summary>SplitMix64 over the inputs, folded to a non-negative int (System.Random's seeded constructor).</summary>
    public static int Derive(int seed, Stream stream, long a, long b)
    {
        var x = Mix((ulong)(uint)seed ^ 0x9E3779B97F4A7C15UL);
        x = Mix(x ^ (ulong)stream);
        x = Mix(x ^ (ulong)a);
        x = Mix(x ^ (ulong)b);
        return (int)(x & 0x7FFF_FFFF);
    }

    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
