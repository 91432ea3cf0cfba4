namespace MolGrid.Pipelines.Expression;

/// <summary>Benjamini-Hochberg adjusted p-values, as R's p.adjust(p, "BH"). NaN p-values stay NaN and do not
/// count towards the number of tests.</summary>
public static class BenjaminiHochberg
{
    public static double[] Adjust(IReadOnlyList<double> p)
    {
        var adjusted = new double[p.Count];
        var order = Enumerable.Range(0, p.Count).Where(i => !double.IsNaN(p[i]))
            .OrderByDescending(i => p[i]).ThenByDescending(i => i).ToArray();
        var n = order.Length;
        for (var i = 0; i < p.Count; i++) adjusted[i] = double.NaN;
        var running = double.PositiveInfinity;
        for (var k = 0; k < n; k++)
        {
            var rank = n - k; // 1-based rank in ascending order
            var i = order[k];
            running = Math.Min(running, (double)n / rank * p[i]);
            adjusted[i] = Math.Min(1, running);
        }
        return adjusted;
    }
}
