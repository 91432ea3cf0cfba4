using MolGrid.Pipelines.Design;
using MolGrid.Pipelines.Scoring.Aggregators;

namespace MolGrid.Pipelines.Scoring;

/// <summary>The one place aggregations are registered by name: weighted arithmetic and geometric means.</summary>
public sealed class AggregatorRegistry
{
    private readonly Dictionary<string, Func<IScoreAggregator>> _factories = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Types => _factories.Keys.Order(StringComparer.Ordinal).ToArray();

    public AggregatorRegistry Register(string type, Func<IScoreAggregator> factory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        _factories[type] = factory;
        return this;
    }

    public IScoreAggregator Create(string type, string path) =>
        _factories.TryGetValue(type, out var f) ? f()
            : throw new SpecException(path, $"unknown aggregation '{type}'; known: {string.Join(", ", Types)}");

    public static AggregatorRegistry CreateDefault() => new AggregatorRegistry()
        .Register(ScoringSpec.Arithmetic, () => new WeightedArithmeticMean())
        .Register(ScoringSpec.Geometric, () => new WeightedGeometricMean());
}
