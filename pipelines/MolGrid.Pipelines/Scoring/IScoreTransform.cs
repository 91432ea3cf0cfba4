namespace MolGrid.Pipelines.Scoring;

/// <summary>Maps a component's raw value to a desirability, normally in [0, 1]. Pure and thread-safe.</summary>
public interface IScoreTransform
{
    string Type { get; }

    double Apply(double raw);
}

/// <summary>Combines transformed component values with their weights into one total. Pure.</summary>
public interface IScoreAggregator
{
    string Type { get; }

    /// <summary>Total of <paramref name="values"/> (aligned with <paramref name="weights"/>).</summary>
    double Aggregate(ReadOnlySpan<double> values, ReadOnlySpan<double> weights);
}
