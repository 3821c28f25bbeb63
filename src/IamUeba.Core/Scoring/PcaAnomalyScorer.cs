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
public sealed class PcaAnomalyScorer(MlOptions options, IReadOnlyList<Feature>? features = null)
{
    private const int TopFeatures = 3;

    private readonly IReadOnlyList<Feature> _features = features ?? FeatureVector.Default;

    public (MlSummary Summary, IReadOnlyDictionary<string, MlResult> Results) Score(IReadOnlyList<PrincipalFeatures> population)
    {
        var analysis = Analyse(population);
        return (analysis.Summary, analysis.Results);
    }

    /// <summary>The verdicts with every feature's exact part of each score (the answer shows the top three).</summary>
    internal MlAnalysis Analyse(IReadOnlyList<PrincipalFeatures> population)
    {
        if (!options.Enabled)
        {
            return MlAnalysis.NotRun("ML did not run: disabled by configuration (IamUeba:Ml:Enabled).", population.Count);
        }

        if (population.Count < options.MinPopulation)
        {
            return MlAnalysis.NotRun(
                string.Create(CultureInfo.InvariantCulture, $"ML did not run: {population.Count} principals, below the minimum population of {options.MinPopulation}. An outlier model on so few principals flags normal ones (the prototype flagged its normal user this way); rules alone decide."),
                population.Count);
        }

        var raw = population.Select(p => FeatureVector.Of(_features, p)).ToArray();
        Check(population, raw);
        var dims = _features.Count;
        var x = Preprocessing.Transform(raw, options.Scaling);
        if (x.All(row => row.All(v => v == 0)))
        {
            return MlAnalysis.NotRun($"ML did not run: all {population.Count} principals have the same feature values; there is nothing to set one apart.", population.Count);
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
            return MlAnalysis.NotRun($"ML did not run: the PCA fit failed ({ex.Message}).", population.Count);
        }

        var decomposition = PcaDecomposition.Compute(x, eigenvectors, mean);
        var scores = decomposition.Scores;
        var threshold = Threshold(scores, dims);
        var medians = Enumerable.Range(0, dims).Select(j => Statistics.Median(raw.Select(r => r[j]))).ToArray();
        var results = new Dictionary<string, MlResult>(StringComparer.Ordinal);
        var parts = new Dictionary<string, double[]>(StringComparer.Ordinal);
        var sorted = scores.Order().ToArray();
        for (var i = 0; i < population.Count; i++)
        {
            var atOrBelow = Statistics.CountAtOrBelow(sorted, scores[i]);
            var flagged = scores[i] > threshold;
            results[population[i].Key] = new MlResult(
                Round(scores[i]),
                Round(100.0 * atOrBelow / population.Count),
                Round(scores[i] / threshold),
                flagged,
                Explain(decomposition.Parts[i], x[i], raw[i], medians));
            parts[population[i].Key] = decomposition.Parts[i];
        }

        var summary = new MlSummary(
            true,
            string.Create(CultureInfo.InvariantCulture, $"ML ran on {population.Count} principals: randomized PCA, rank {rank}, {dims} features; flagged above {Round(threshold)}."),
            population.Count,
            rank,
            Round(threshold),
            results.Values.Count(r => r.Flagged));
        return new MlAnalysis(summary, results, parts);
    }

    /// <summary>Features are counts and shares: NaN, infinite or negative is a bug upstream, never a "normal" principal.</summary>
    private void Check(IReadOnlyList<PrincipalFeatures> population, double[][] raw)
    {
        for (var i = 0; i < raw.Length; i++)
        {
            for (var j = 0; j < raw[i].Length; j++)
            {
                if (!double.IsFinite(raw[i][j]) || raw[i][j] < 0)
                {
                    throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                        $"ML feature {_features[j].Name} of {population[i].Key} is {raw[i][j]}: features are finite and non-negative, so this is a bug in feature computation."));
                }
            }
        }
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

    /// <summary>max(χ² quantile for the feature count, exp(median(log s) + k·MAD(log s))).</summary>
    private double Threshold(double[] scores, int dims)
    {
        var logs = scores.Select(s => Math.Log(Math.Max(s, 1e-9))).ToArray();
        var median = Statistics.Median(logs);
        var mad = Statistics.Median(logs.Select(l => Math.Abs(l - median)));
        var robust = Math.Exp(median + (options.MadMultiplier * mad));
        return Math.Max(ChiSquare.Quantile(options.ChiSquareQuantile, dims), robust);
    }

    private List<FeatureContribution> Explain(double[] parts, double[] standardized, double[] raw, double[] medians) =>
        Enumerable.Range(0, parts.Length)
            .Where(j => parts[j] > 0)
            .OrderByDescending(j => parts[j])
            .ThenBy(j => j)
            .Take(TopFeatures)
            .Select(j =>
            {
                var name = _features[j].Name;
                var direction = standardized[j] >= 0 ? "higher" : "lower";
                var text = string.Create(CultureInfo.InvariantCulture, $"{name} {Format(j, raw[j])} vs median {Format(j, medians[j])}");
                return new FeatureContribution(name, Round(parts[j]), direction, Round(raw[j]), Round(medians[j]), text);
            })
            .ToList();

    private string Format(int feature, double value) =>
        _features[feature].IsRatio ? value.ToString("0.00", CultureInfo.InvariantCulture) : value.ToString("0.##", CultureInfo.InvariantCulture);

    private static double Round(double value) => Math.Round(value, 4, MidpointRounding.ToEven);
}
