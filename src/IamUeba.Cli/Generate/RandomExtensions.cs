namespace IamUeba.Cli.Generate;

internal static class RandomExtensions
{
    public static double Normal(this Random rng)
    {
        // Box-Muller; 1 - NextDouble() keeps the logarithm finite.
        var u1 = 1.0 - rng.NextDouble();
        var u2 = rng.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    public static double LogNormal(this Random rng, double median, double sigma) => median * Math.Exp(sigma * rng.Normal());

    public static bool Chance(this Random rng, double p) => rng.NextDouble() < p;

    public static T Pick<T>(this Random rng, IReadOnlyList<T> items) => items[rng.Next(items.Count)];

    /// <summary>A count from a geometric distribution with the given mean (at least 1).</summary>
    public static int Geometric(this Random rng, double mean)
    {
        var p = 1.0 / Math.Max(1.0, mean);
        var n = 1;
        while (rng.NextDouble() > p && n < 1000)
        {
            n++;
        }

        return n;
    }

    public static T PickWeighted<T>(this Random rng, IReadOnlyList<T> items, Func<T, double> weight)
    {
        var total = 0.0;
        foreach (var item in items)
        {
            total += weight(item);
        }

        var x = rng.NextDouble() * total;
        foreach (var item in items)
        {
            x -= weight(item);
            if (x < 0)
            {
                return item;
            }
        }

        return items[^1];
    }
}
