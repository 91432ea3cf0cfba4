using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;
using MolGrid.Molecules;

namespace MolGrid.Pipelines.Qsar;

/// <summary>
/// Gaussian-process regression with a Tanimoto kernel on Morgan fingerprints: y = mu + f + noise, f ~ GP(0,
/// s T(x,x')), noise ~ N(0, s r). mu is the training mean; r (noise/signal ratio) is chosen on a grid by the
/// log marginal likelihood with s at its closed-form maximum for each r (profile likelihood). Predictions give
/// the posterior mean and the posterior variance of mu + f (add s r for a new measurement's variance).
/// </summary>
public sealed class GaussianProcessModel : IFingerprintQsarModel
{
    private readonly BitFingerprint[] _train;
    private readonly double[] _alpha;   // (T + rI)^-1 (y - mu)
    private readonly double[][] _lower; // Cholesky factor of T + rI, row i holds L[i, 0..i]

    private GaussianProcessModel(BitFingerprint[] train, double[] y, double mean, double signal, double noiseRatio, double logMarginalLikelihood, double[][] lower, double[] alpha)
    {
        _train = train;
        Targets = y;
        Mean = mean;
        SignalVariance = signal;
        NoiseRatio = noiseRatio;
        LogMarginalLikelihood = logMarginalLikelihood;
        (_lower, _alpha) = (lower, alpha);
    }

    public string Kind => "gp";

    public IReadOnlyList<BitFingerprint> TrainingFingerprints => _train;

    public IReadOnlyList<double> Targets { get; }

    public double Mean { get; }

    public double SignalVariance { get; }

    public double NoiseRatio { get; }

    public double NoiseVariance => SignalVariance * NoiseRatio;

    public double LogMarginalLikelihood { get; }

    public static GaussianProcessModel Train(IReadOnlyList<BitFingerprint> x, IReadOnlyList<double> y, GaussianProcessOptions? options = null)
    {
        options ??= new GaussianProcessOptions();
        if (x.Count != y.Count) throw new ArgumentException("x and y differ in length");
        if (x.Count < 2) throw new ArgumentException("need at least two training molecules");
        var idx = SubsetIndices(x.Count, options.MaxTrainingPoints, options.Seed);
        var xs = idx.Select(i => x[i]).ToArray();
        var ys = idx.Select(i => y[i]).ToArray();
        var mean = ys.Average();
        double bestLml = double.NegativeInfinity, bestR = double.NaN, bestS = double.NaN;
        (double[][] Lower, double[] Alpha)? best = null;
        var kernel = TanimotoKernel.Matrix(xs, xs);
        foreach (var r in options.NoiseRatioGrid)
        {
            var factor = Factor(kernel, ys, mean, r, out var logDet, out var quad);
            var n = ys.Length;
            var s = quad / n;
            var lml = -0.5 * n - 0.5 * (n * Math.Log(s) + logDet) - 0.5 * n * Math.Log(2 * Math.PI);
            if (lml > bestLml) (bestLml, bestR, bestS, best) = (lml, r, s, factor);
        }
        if (best is not { } chosen) throw new InvalidOperationException("no noise ratio gave a finite marginal likelihood");
        return new GaussianProcessModel(xs, ys, mean, bestS, bestR, bestLml, chosen.Lower, chosen.Alpha);
    }

    /// <summary>The indices trained on: all, or a seeded random subset of <paramref name="max"/>, in ascending order.</summary>
    public static int[] SubsetIndices(int n, int max, int seed)
    {
        var all = Enumerable.Range(0, n).ToArray();
        if (n <= max) return all;
        new Random(seed).Shuffle(all);
        var subset = all[..max];
        Array.Sort(subset);
        return subset;
    }

    public QsarPrediction Predict(BitFingerprint fingerprint)
    {
        var k = TanimotoKernel.Row(fingerprint, _train);
        var mean = Mean + TensorPrimitives.Dot<double>(k, _alpha);
        // v = L^-1 k; var = s (1 - |v|^2)
        var v = new double[k.Length];
        for (var i = 0; i < k.Length; i++)
        {
            var row = _lower[i];
            v[i] = (k[i] - TensorPrimitives.Dot<double>(row.AsSpan(0, i), v.AsSpan(0, i))) / row[i];
        }
        var variance = SignalVariance * Math.Max(0, 1 - TensorPrimitives.Dot<double>(v, v));
        return new QsarPrediction(mean, variance);
    }

    internal static GaussianProcessModel FromParts(BitFingerprint[] train, double[] y, double mean, double signal, double noiseRatio, double lml)
    {
        var (lower, alpha) = Factor(TanimotoKernel.Matrix(train, train), y, mean, noiseRatio, out _, out _);
        return new GaussianProcessModel(train, y, mean, signal, noiseRatio, lml, lower, alpha);
    }

    private static (double[][] Lower, double[] Alpha) Factor(double[,] kernel, double[] y, double mean, double r, out double logDet, out double quad)
    {
        var n = y.Length;
        var k = (double[,])kernel.Clone();
        for (var i = 0; i < n; i++) k[i, i] += r;
        var chol = Matrix<double>.Build.DenseOfArray(k).Cholesky();
        var yc = Vector<double>.Build.Dense(n, i => y[i] - mean);
        var alpha = chol.Solve(yc);
        logDet = chol.DeterminantLn;
        quad = yc.DotProduct(alpha);
        var f = chol.Factor;
        var lower = new double[n][];
        for (var i = 0; i < n; i++)
        {
            lower[i] = new double[i + 1];
            for (var j = 0; j <= i; j++) lower[i][j] = f[i, j];
        }
        return (lower, alpha.ToArray());
    }
}
