namespace IamUeba.Core.Scoring;

/// <summary>log1p on every feature, then each column centred and scaled over this population; a constant column becomes 0.</summary>
internal static class Preprocessing
{
    private const double Tiny = 1e-12;

    // IQR and MAD of a normal distribution, in standard deviations.
    private const double IqrPerSd = 1.349;
    private const double MadPerSd = 0.6745;

    public static double[][] Transform(double[][] raw, FeatureScaling scaling)
    {
        var n = raw.Length;
        var dims = n == 0 ? 0 : raw[0].Length;
        var x = raw.Select(r => r.Select(v => Math.Log(1 + v)).ToArray()).ToArray();
        var column = new double[n];
        for (var j = 0; j < dims; j++)
        {
            for (var i = 0; i < n; i++)
            {
                column[i] = x[i][j];
            }

            var (centre, spread) = scaling == FeatureScaling.Robust ? Robust(column) : Standard(column);
            for (var i = 0; i < n; i++)
            {
                x[i][j] = spread < Tiny ? 0 : (x[i][j] - centre) / spread;
            }
        }

        return x;
    }

    private static (double Centre, double Spread) Standard(double[] values)
    {
        var mean = values.Average();
        var variance = values.Sum(v => (v - mean) * (v - mean)) / Math.Max(1, values.Length - 1);
        return (mean, Math.Sqrt(variance));
    }

    private static (double Centre, double Spread) Robust(double[] values)
    {
        var sorted = values.Order().ToArray();
        var median = Statistics.Quantile(sorted, 0.5);
        var iqr = Statistics.Quantile(sorted, 0.75) - Statistics.Quantile(sorted, 0.25);
        if (iqr > Tiny)
        {
            return (median, iqr / IqrPerSd);
        }

        var mad = Statistics.Median(values.Select(v => Math.Abs(v - median)));
        return mad > Tiny ? (median, mad / MadPerSd) : (median, Standard(values).Spread);
    }
}
