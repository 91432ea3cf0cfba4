namespace MolGrid.Pipelines.Scoring.Aggregators;

/// <summary>sum(w_i s_i) / sum(w_i); 0 when every weight is 0.</summary>
public sealed class WeightedArithmeticMean : IScoreAggregator
{
    public string Type => "arithmetic";

    public double Aggregate(ReadOnlySpan<double> values, ReadOnlySpan<double> weights)
    {
        double sum = 0, wsum = 0;
        for (var i = 0; i < values.Length; i++)
        {
            sum += weights[i] * values[i];
            wsum += weights[i];
        }
        return wsum == 0 ? 0 : sum / wsum;
    }
}

/// <summary>prod(s_i^w_i)^(1 / sum(w_i)) (REINVENT's weighted geometric mean); negative values count as 0,
/// so any zero-scoring component with a positive weight zeroes the total.</summary>
public sealed class WeightedGeometricMean : IScoreAggregator
{
    public string Type => "geometric";

    public double Aggregate(ReadOnlySpan<double> values, ReadOnlySpan<double> weights)
    {
        double logSum = 0, wsum = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (weights[i] == 0) continue;
            var v = Math.Max(values[i], 0);
            if (v == 0) return 0;
            logSum += weights[i] * Math.Log(v);
            wsum += weights[i];
        }
        return wsum == 0 ? 0 : Math.Exp(logSum / wsum);
    }
}
