using System.Globalization;
using IamUeba.Core.Features;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace IamUeba.Core.Scoring;

/// <summary>
/// Fits ML.NET's randomized PCA on the principals of this analysis and scores each by
/// s = T² + SPE/σ² (design §6, issue 6): ML.NET's own score is a direction, not a distance, and
/// does not rank planted outliers first. The score splits exactly into per-feature parts, which
/// explain a flag.
/// </summary>
public sealed class PcaAnomalyScorer(MlOptions options)
{
    private const int TopFeatures = 3;

    public (MlSummary Summary, IReadOnlyDictionary<string, MlResult> Results) Score(IReadOnlyList<PrincipalFeatures> population)
    {
        var empty = new Dictionary<string, MlResult>();
        if (!options.Enabled)
        {
            return (MlSummary.NotRun("ML did not run: disabled by configuration (IamUeba:Ml:Enabled).", population.Count), empty);
        }

        if (population.Count < options.MinPopulation)
        {
            return (MlSummary.NotRun(
                string.Create(CultureInfo.InvariantCulture, $"ML did not run: {population.Count} principals, below the minimum population of {options.MinPopulation}. An outlier model on so few principals flags normal ones (the prototype flagged its normal user this way); rules alone decide."),
                population.Count), empty);
        }

        var raw = population.Select(FeatureVector.Of).ToArray();
        foreach (var row in raw)
        {
            if (row.Any(v => !double.IsFinite(v)))
            {
                throw new InvalidOperationException("A feature value is not finite; this is a bug in feature computation.");
            }
        }

        var dims = FeatureVector.Names.Count;
        var x = Standardize(raw, dims);
        if (x.All(row => row.All(v => v == 0)))
        {
            return (MlSummary.NotRun($"ML did not run: all {population.Count} principals have the same feature values; there is nothing to set one apart.", population.Count), empty);
        }

        var rank = Math.Min(options.Rank, Math.Min(dims - 1, population.Count - 1));
        float[][] eigenvectors;
        float[] mean;
        try
        {
            (eigenvectors, mean) = Fit(x, dims, rank);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException)
        {
            return (MlSummary.NotRun($"ML did not run: the PCA fit failed ({ex.Message}).", population.Count), empty);
        }

        var scores = Decompose(x, eigenvectors, mean, out var parts);
        var threshold = Threshold(scores, dims);
        var medians = Enumerable.Range(0, dims).Select(j => Median(raw.Select(r => r[j]))).ToArray();
        var results = new Dictionary<string, MlResult>(StringComparer.Ordinal);
        var sorted = scores.Order().ToArray();
        for (var i = 0; i < population.Count; i++)
        {
            var atOrBelow = UpperBound(sorted, scores[i]);
            var flagged = scores[i] > threshold;
            results[population[i].Key] = new MlResult(
                Round(scores[i]),
                Round(100.0 * atOrBelow / population.Count),
                Round(scores[i] / threshold),
                flagged,
                Explain(parts[i], x[i], raw[i], medians));
        }

        var summary = new MlSummary(
            true,
            string.Create(CultureInfo.InvariantCulture, $"ML ran on {population.Count} principals: randomized PCA, rank {rank}, {dims} features; flagged above {Round(threshold)}."),
            population.Count,
            rank,
            Round(threshold),
            results.Values.Count(r => r.Flagged));
        return (summary, results);
    }

    /// <summary>log1p, then z-score with this population's mean and deviation; a constant column becomes 0.</summary>
    private static double[][] Standardize(double[][] raw, int dims)
    {
        var n = raw.Length;
        var x = raw.Select(r => r.Select(v => Math.Log(1 + Math.Max(0, v))).ToArray()).ToArray();
        for (var j = 0; j < dims; j++)
        {
            var mean = 0.0;
            for (var i = 0; i < n; i++)
            {
                mean += x[i][j];
            }

            mean /= n;
            var variance = 0.0;
            for (var i = 0; i < n; i++)
            {
                variance += (x[i][j] - mean) * (x[i][j] - mean);
            }

            var sd = Math.Sqrt(variance / Math.Max(1, n - 1));
            for (var i = 0; i < n; i++)
            {
                x[i][j] = sd < 1e-12 ? 0 : (x[i][j] - mean) / sd;
            }
        }

        return x;
    }

    private (float[][] Eigenvectors, float[] Mean) Fit(double[][] x, int dims, int rank)
    {
        // A fresh, seeded context per analysis: a shared one makes results depend on call order.
        var ml = new MLContext(options.Seed);
        var schema = SchemaDefinition.Create(typeof(PcaRow));
        schema[nameof(PcaRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dims);
        var rows = x.Select(r => new PcaRow { Features = r.Select(v => (float)v).ToArray() });
        var data = ml.Data.LoadFromEnumerable(rows, schema);
        var trainer = ml.AnomalyDetection.Trainers.RandomizedPca(new RandomizedPcaTrainer.Options
        {
            FeatureColumnName = nameof(PcaRow.Features),
            Rank = rank,
            Oversampling = options.Oversampling,
            EnsureZeroMean = true,
            Seed = options.Seed,
        });
        var model = trainer.Fit(data).Model;
        VBuffer<float>[] vectors = [];
        model.GetEigenVectors(ref vectors, out var fittedRank);
        VBuffer<float> meanBuffer = default;
        model.GetMean(ref meanBuffer);
        var mean = meanBuffer.Length == 0 ? new float[dims] : meanBuffer.DenseValues().ToArray();
        return (vectors.Take(fittedRank).Select(v => v.DenseValues().ToArray()).ToArray(), mean);
    }

    /// <summary>s_i = Σ_k t_k²/λ_k + |r|²/σ², and its exact split over features.</summary>
    private static double[] Decompose(double[][] x, float[][] v, float[] mean, out double[][] parts)
    {
        var n = x.Length;
        var dims = mean.Length;
        var k = v.Length;
        var centred = x.Select(r => r.Select((value, j) => value - mean[j]).ToArray()).ToArray();
        var t = centred.Select(r => Enumerable.Range(0, k).Select(c => Dot(v[c], r)).ToArray()).ToArray();
        var lambda = Enumerable.Range(0, k).Select(c => t.Sum(row => row[c] * row[c]) / Math.Max(1, n - 1)).ToArray();
        var residual = new double[n][];
        var spe = new double[n];
        for (var i = 0; i < n; i++)
        {
            residual[i] = new double[dims];
            for (var j = 0; j < dims; j++)
            {
                var projected = 0.0;
                for (var c = 0; c < k; c++)
                {
                    projected += t[i][c] * v[c][j];
                }

                residual[i][j] = centred[i][j] - projected;
                spe[i] += residual[i][j] * residual[i][j];
            }
        }

        var sigma2 = Math.Max(spe.Average(), 1e-9);
        var scores = new double[n];
        parts = new double[n][];
        for (var i = 0; i < n; i++)
        {
            parts[i] = new double[dims];
            for (var j = 0; j < dims; j++)
            {
                var inside = 0.0;
                for (var c = 0; c < k; c++)
                {
                    if (lambda[c] > 1e-12)
                    {
                        inside += v[c][j] * t[i][c] / lambda[c];
                    }
                }

                parts[i][j] = (centred[i][j] * inside) + (residual[i][j] * residual[i][j] / sigma2);
                scores[i] += parts[i][j];
            }
        }

        return scores;
    }

    /// <summary>max(χ² quantile for the feature count, exp(median(log s) + k·MAD(log s))).</summary>
    private double Threshold(double[] scores, int dims)
    {
        var logs = scores.Select(s => Math.Log(Math.Max(s, 1e-9))).ToArray();
        var median = Median(logs);
        var mad = Median(logs.Select(l => Math.Abs(l - median)));
        var robust = Math.Exp(median + (options.MadMultiplier * mad));
        return Math.Max(ChiSquare.Quantile(options.ChiSquareQuantile, dims), robust);
    }

    private static List<FeatureContribution> Explain(double[] parts, double[] standardized, double[] raw, double[] medians) =>
        Enumerable.Range(0, parts.Length)
            .Where(j => parts[j] > 0)
            .OrderByDescending(j => parts[j])
            .ThenBy(j => j)
            .Take(TopFeatures)
            .Select(j =>
            {
                var name = FeatureVector.Names[j];
                var direction = standardized[j] >= 0 ? "higher" : "lower";
                var text = string.Create(CultureInfo.InvariantCulture, $"{name} {Format(j, raw[j])} vs median {Format(j, medians[j])}");
                return new FeatureContribution(name, Round(parts[j]), direction, Round(raw[j]), Round(medians[j]), text);
            })
            .ToList();

    private static string Format(int feature, double value) =>
        FeatureVector.IsRatio(feature) ? value.ToString("0.00", CultureInfo.InvariantCulture) : value.ToString("0.##", CultureInfo.InvariantCulture);

    private static double Dot(float[] a, double[] b)
    {
        var sum = 0.0;
        for (var j = 0; j < b.Length; j++)
        {
            sum += a[j] * b[j];
        }

        return sum;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return 0;
        }

        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static int UpperBound(double[] sorted, double value)
    {
        var count = 0;
        while (count < sorted.Length && sorted[count] <= value)
        {
            count++;
        }

        return count;
    }

    private static double Round(double value) => Math.Round(value, 4, MidpointRounding.ToEven);
}
