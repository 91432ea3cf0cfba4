using MathNet.Numerics.Statistics;

namespace MolGrid.Pipelines.Qsar;

/// <summary>RMSE, coefficient of determination R^2 = 1 - SS_res/SS_tot, and Spearman's rank correlation
/// (average ranks for ties).</summary>
public sealed record RegressionMetrics(int N, double Rmse, double R2, double Spearman)
{
    public static RegressionMetrics Compute(IReadOnlyList<double> observed, IReadOnlyList<double> predicted)
    {
        if (observed.Count != predicted.Count || observed.Count < 2) throw new ArgumentException("need two or more aligned values");
        var n = observed.Count;
        var mean = observed.Average();
        double ssRes = 0, ssTot = 0;
        for (var i = 0; i < n; i++)
        {
            ssRes += (observed[i] - predicted[i]) * (observed[i] - predicted[i]);
            ssTot += (observed[i] - mean) * (observed[i] - mean);
        }
        return new RegressionMetrics(n, Math.Sqrt(ssRes / n), 1 - ssRes / ssTot, Correlation.Spearman(observed, predicted));
    }
}
