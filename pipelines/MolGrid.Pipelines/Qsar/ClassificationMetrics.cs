namespace MolGrid.Pipelines.Qsar;

/// <summary>ROC-AUC (the probability that a random positive outscores a random negative, ties counting half)
/// and PR-AUC as average precision (sum over positives of the precision at their rank, / positives; as
/// scikit-learn's average_precision_score), on labels 0/1 and scores.</summary>
public sealed record ClassificationMetrics(int N, int Positives, double RocAuc, double PrAuc)
{
    public static ClassificationMetrics Compute(IReadOnlyList<int> labels, IReadOnlyList<double> scores)
    {
        if (labels.Count != scores.Count || labels.Count < 2) throw new ArgumentException("need two or more aligned values");
        var n = labels.Count;
        var positives = labels.Count(l => l == 1);
        var negatives = n - positives;
        if (positives == 0 || negatives == 0) return new ClassificationMetrics(n, positives, double.NaN, double.NaN);
        // Mann-Whitney U from average ranks.
        var ranks = AverageRanks(scores);
        var rankSum = 0.0;
        for (var i = 0; i < n; i++) if (labels[i] == 1) rankSum += ranks[i];
        var auc = (rankSum - positives * (positives + 1) / 2.0) / ((double)positives * negatives);
        // Average precision: walk distinct score thresholds from the top.
        var order = Enumerable.Range(0, n).OrderByDescending(i => scores[i]).ToArray();
        double ap = 0, tp = 0, seen = 0, lastRecall = 0;
        for (var k = 0; k < n;)
        {
            var j = k;
            while (j < n && scores[order[j]] == scores[order[k]]) { tp += labels[order[j]]; seen++; j++; }
            var recall = tp / positives;
            ap += (recall - lastRecall) * (tp / seen);
            lastRecall = recall;
            k = j;
        }
        return new ClassificationMetrics(n, positives, auc, ap);
    }

    internal static double[] AverageRanks(IReadOnlyList<double> values)
    {
        var order = Enumerable.Range(0, values.Count).OrderBy(i => values[i]).ToArray();
        var ranks = new double[values.Count];
        for (var k = 0; k < order.Length;)
        {
            var j = k;
            while (j < order.Length && values[order[j]] == values[order[k]]) j++;
            var average = (k + 1 + j) / 2.0;
            for (var m = k; m < j; m++) ranks[order[m]] = average;
            k = j;
        }
        return ranks;
    }
}
