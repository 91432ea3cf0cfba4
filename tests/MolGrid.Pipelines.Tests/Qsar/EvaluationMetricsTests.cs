using MolGrid.Pipelines.Qsar;

namespace MolGrid.Pipelines.Tests.Qsar;

public sealed class EvaluationMetricsTests
{
    [Fact]
    public void Roc_and_pr_auc_match_hand_computed_values()
    {
        // Positives at 0.9 and 0.3, negatives at 0.8 and 0.1: 3 of 4 positive-negative pairs ordered right;
        // average precision = 0.5 x 1 + 0.5 x 2/3.
        var m = ClassificationMetrics.Compute([1, 0, 1, 0], [0.9, 0.8, 0.3, 0.1]);
        Assert.Equal(0.75, m.RocAuc, 12);
        Assert.Equal(0.5 + 0.5 * 2.0 / 3, m.PrAuc, 12);
        var tied = ClassificationMetrics.Compute([1, 0], [0.5, 0.5]);
        Assert.Equal(0.5, tied.RocAuc, 12);
        Assert.True(double.IsNaN(ClassificationMetrics.Compute([1, 1], [0.2, 0.3]).RocAuc));
    }

    [Fact]
    public void Calibration_counts_values_inside_the_90_percent_interval()
    {
        // sd 1: the interval is mean +- 1.645; errors 0.5, 1.6, 1.7, 3 -> two inside.
        var c = CalibrationMetrics.Compute([0.5, 1.6, -1.7, 3], [0, 0, 0, 0], [1, 1, 1, 1])!;
        Assert.Equal(0.5, c.Coverage90, 12);
        Assert.Equal(CalibrationMetrics.Z90, c.MeanHalfWidth90, 12);
        var ranked = CalibrationMetrics.Compute([1, 2, 3], [0, 0, 0], [0.1, 0.5, 2])!;
        Assert.Equal(1, ranked.ErrorSpreadSpearman, 12);
        Assert.Null(CalibrationMetrics.Compute([1, 2], [0, 0], [double.NaN, double.NaN]));
    }

    [Fact]
    public void Random_split_is_seeded_and_covers_every_row_once()
    {
        var a = RandomSplit.Split(101, 0.2, 5);
        var b = RandomSplit.Split(101, 0.2, 5);
        Assert.Equal(a.Test, b.Test);
        Assert.Equal(21, a.Test.Length);
        Assert.Equal(Enumerable.Range(0, 101), a.Train.Concat(a.Test).Order());
        Assert.NotEqual(a.Test, RandomSplit.Split(101, 0.2, 6).Test);
    }
}
