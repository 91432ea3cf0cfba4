namespace MolGrid.Pipelines.Benchmarks.Pmo;

/// <summary>
/// PMO's sample-efficiency metric (mol_opt's top_auc): the mean of the best <c>k</c> scores seen so far,
/// sampled every <c>freq</c> oracle calls, integrated with the trapezoid rule over the calls made, and,
/// when the run finished early, extended flat to the full budget; divided by the budget so it lies in [0, 1].
/// </summary>
public static class PmoAuc
{
    public static double TopK(IReadOnlyList<double> scoresInCallOrder, int k = 10, int freq = 100, int maxCalls = 10_000, bool finish = true)
    {
        var n = Math.Min(scoresInCallOrder.Count, maxCalls);
        if (n == 0) return 0;
        double sum = 0, prev = 0;
        var called = 0;
        var top = new PriorityQueue<double, double>();
        var added = 0;
        double TopMean() => top.UnorderedItems.Select(x => x.Element).Average();
        for (var idx = freq; idx < n; idx += freq)
        {
            for (; added < idx; added++) Push(top, scoresInCallOrder[added], k);
            var now = TopMean();
            sum += freq * (now + prev) / 2;
            prev = now;
            called = idx;
        }
        for (; added < n; added++) Push(top, scoresInCallOrder[added], k);
        var final = TopMean();
        sum += (n - called) * (final + prev) / 2;
        if (finish && n < maxCalls) sum += (maxCalls - n) * final;
        return sum / maxCalls;
    }

    /// <summary>Mean of the best <paramref name="k"/> scores.</summary>
    public static double TopMean(IEnumerable<double> scores, int k = 10) => scores.OrderDescending().Take(k).DefaultIfEmpty(0).Average();

    private static void Push(PriorityQueue<double, double> top, double score, int k)
    {
        if (top.Count < k) top.Enqueue(score, score);
        else if (score > top.Peek()) top.EnqueueDequeue(score, score);
    }
}
