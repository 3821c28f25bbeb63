namespace IamUeba.Core.Scoring;

/// <summary>Order statistics the scorer needs, deterministic for the same values.</summary>
internal static class Statistics
{
    public static double Median(IEnumerable<double> values) => Quantile([.. values.Order()], 0.5);

    /// <summary>Linear interpolation between closest ranks; 0 for no values.</summary>
    public static double Quantile(double[] sorted, double p)
    {
        if (sorted.Length == 0)
        {
            return 0;
        }

        var position = p * (sorted.Length - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + ((position - below) * (sorted[above] - sorted[below]));
    }

    /// <summary>How many values of <paramref name="sorted"/> are at or below <paramref name="value"/>.</summary>
    public static int CountAtOrBelow(double[] sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (sorted[mid] <= value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
