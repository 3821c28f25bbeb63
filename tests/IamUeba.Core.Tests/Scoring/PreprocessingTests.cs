using IamUeba.Core.Scoring;

namespace IamUeba.Core.Tests.Scoring;

/// <summary>log1p, then each column centred and scaled over the population (issue 6).</summary>
public sealed class PreprocessingTests
{
    [Fact]
    public void Z_scoring_gives_each_log_scaled_column_mean_zero_and_deviation_one()
    {
        double[][] raw = [[0, 10], [1, 100], [3, 1000], [7, 10_000]];

        var x = Preprocessing.Transform(raw, FeatureScaling.ZScore);

        for (var j = 0; j < 2; j++)
        {
            var column = x.Select(r => r[j]).ToArray();
            column.Average().Should().BeApproximately(0, 1e-12);
            Math.Sqrt(column.Sum(v => v * v) / (column.Length - 1)).Should().BeApproximately(1, 1e-12);
        }

        x[1][0].Should().BeLessThan(x[2][0], "log1p keeps the order");
    }

    [Theory]
    [InlineData(FeatureScaling.ZScore)]
    [InlineData(FeatureScaling.Robust)]
    public void A_constant_column_becomes_zero_not_nan(FeatureScaling scaling)
    {
        double[][] raw = [[5, 1], [5, 2], [5, 3]];

        var x = Preprocessing.Transform(raw, scaling);

        x.Select(r => r[0]).Should().OnlyContain(v => v == 0);
        x.SelectMany(r => r).Should().OnlyContain(v => double.IsFinite(v));
    }

    [Fact]
    public void Robust_scaling_centres_on_the_median_and_falls_back_when_the_iqr_is_zero()
    {
        // Column 0 has an IQR; column 1 is mostly zeros (IQR 0, MAD 0), as admin actions are: the deviation takes over.
        double[][] raw = [[0, 0], [1, 0], [3, 0], [7, 0], [15, 0], [31, 0], [63, 40]];

        var x = Preprocessing.Transform(raw, FeatureScaling.Robust);

        x[3][0].Should().Be(0, "the median row is the centre");
        x[^1][1].Should().BeGreaterThan(0).And.Subject.Should().BeLessThan(double.PositiveInfinity);
        x[0][1].Should().Be(0, "zero is the median of the mostly-zero column");
    }
}
