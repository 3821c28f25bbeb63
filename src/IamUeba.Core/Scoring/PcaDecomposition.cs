namespace IamUeba.Core.Scoring;

/// <summary>
/// s_i = Σ_k t_k²/λ_k + |r|²/σ² (T² inside the PCA subspace plus the residual outside it, in units
/// of the average residual) and its exact split over features: part_j = c_j·Σ_k v_kj·t_k/λ_k + r_j²/σ²,
/// where c is the centred row, t its projection and r its residual. The parts of a row sum to its score;
/// a part can be negative when a feature pulls the row back towards the others.
/// </summary>
internal sealed class PcaDecomposition
{
    private PcaDecomposition(double[] scores, double[][] parts)
    {
        Scores = scores;
        Parts = parts;
    }

    public double[] Scores { get; }

    /// <summary>Per principal, per feature; each row sums to the principal's score.</summary>
    public double[][] Parts { get; }

    public static PcaDecomposition Compute(double[][] x, float[][] v, float[] mean)
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
        var parts = new double[n][];
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

        return new PcaDecomposition(scores, parts);
    }

    private static double Dot(float[] a, double[] b)
    {
        var sum = 0.0;
        for (var j = 0; j < b.Length; j++)
        {
            sum += a[j] * b[j];
        }

        return sum;
    }
}
