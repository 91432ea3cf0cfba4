using MathNet.Numerics.Statistics;

namespace MolGrid.Pipelines.Qsar;

/// <summary>
/// How far a model's uncertainty can be trusted: the share of test values inside the predicted central 90 %
/// interval (mean +- 1.645 sd under a normal predictive distribution; 0.90 is calibrated, less is over-confident),
/// and the Spearman correlation between the absolute error and the predicted sd (above 0: the model knows when
/// it is unsure). The mean interval half-width is printed beside them, since wide intervals cover easily.
/// </summary>
public sealed record CalibrationMetrics(double Coverage90, double ErrorSpreadSpearman, double MeanHalfWidth90)
{
    public const double Z90 = 1.6448536269514722;

    public static CalibrationMetrics? Compute(IReadOnlyList<double> observed, IReadOnlyList<double> mean, IReadOnlyList<double> variance)
    {
        if (variance.Any(v => !double.IsFinite(v))) return null;
        var sd = variance.Select(v => Math.Sqrt(Math.Max(0, v))).ToArray();
        var inside = 0;
        var errors = new double[observed.Count];
        for (var i = 0; i < observed.Count; i++)
        {
            errors[i] = Math.Abs(observed[i] - mean[i]);
            if (errors[i] <= Z90 * sd[i]) inside++;
        }
        return new CalibrationMetrics((double)inside / observed.Count, Correlation.Spearman(errors, sd), Z90 * sd.Average());
    }
}
