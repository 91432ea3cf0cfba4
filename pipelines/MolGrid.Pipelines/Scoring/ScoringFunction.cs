using MolGrid.Pipelines.Design;

namespace MolGrid.Pipelines.Scoring;

/// <summary>
/// A spec's scoring: the components (which compute raw values, possibly on remote silos) and the pure
/// <see cref="Combine"/> step that applies each component's transform and the weighted aggregation on
/// the campaign grain. <see cref="MoleculeScore.Components"/> holds each component's transformed value under
/// its name and its raw value under "name.raw".
/// </summary>
public sealed class ScoringFunction
{
    public const string RawSuffix = ".raw";

    private readonly IScoreTransform?[] _transforms;
    private readonly double[] _weights;
    private readonly IScoreAggregator _aggregator;

    public ScoringFunction(IReadOnlyList<IScoringComponent> components, IReadOnlyList<IScoreTransform?> transforms,
        IReadOnlyList<double> weights, IScoreAggregator aggregator)
    {
        if (components.Count == 0) throw new ArgumentException("a scoring function needs at least one component", nameof(components));
        if (transforms.Count != components.Count || weights.Count != components.Count)
            throw new ArgumentException("components, transforms and weights must be aligned");
        Components = components;
        _transforms = transforms.ToArray();
        _weights = weights.ToArray();
        _aggregator = aggregator;
    }

    public IReadOnlyList<IScoringComponent> Components { get; }

    public IReadOnlyList<double> Weights => _weights;

    public string Aggregation => _aggregator.Type;

    public static ScoringFunction Create(DesignSpec spec, ComponentRegistry registry)
    {
        var configs = spec.Scoring.Components;
        var components = configs.Select(registry.Create).ToArray();
        var transforms = configs.Select(c => c.Transform is null ? null : registry.Transforms.Create(c.Transform)).ToArray();
        var aggregator = registry.Aggregators.Create(spec.Scoring.Aggregation, "scoring.aggregation");
        return new ScoringFunction(components, transforms, configs.Select(c => c.Weight).ToArray(), aggregator);
    }

    /// <summary>Applies transforms and aggregation to raw values aligned with <see cref="Components"/>. A failed
    /// component makes the total 0 and records the error; pure, so any host may call it.</summary>
    public MoleculeScore Combine(string canonicalSmiles, IReadOnlyList<ComponentResult> raw)
    {
        if (raw.Count != Components.Count)
            throw new ArgumentException($"expected {Components.Count} component results, got {raw.Count}", nameof(raw));
        var values = new Dictionary<string, double>(2 * raw.Count, StringComparer.Ordinal);
        Span<double> transformed = stackalloc double[raw.Count];
        string? error = null;
        for (var i = 0; i < raw.Count; i++)
        {
            var name = Components[i].Name;
            var r = raw[i];
            if (r.Failed)
            {
                error ??= $"{name}: {r.Error}";
                continue;
            }
            if (!double.IsFinite(r.Value))
            {
                // A transform may map NaN or infinity to a finite score (a step, a value map's default): a diverged
                // model must fail the molecule, not score it.
                error ??= $"{name}: raw value {r.Value} is not a finite number";
                continue;
            }
            var t = _transforms[i]?.Apply(r.Value) ?? r.Value;
            if (!double.IsFinite(t))
            {
                error ??= $"{name}: transform gave {t} for raw value {r.Value}";
                continue;
            }
            values[name + RawSuffix] = r.Value;
            values[name] = t;
            transformed[i] = t;
        }
        if (error is not null) return new MoleculeScore(canonicalSmiles, 0.0, values, error);
        var total = _aggregator.Aggregate(transformed, _weights);
        if (!double.IsFinite(total)) return new MoleculeScore(canonicalSmiles, 0.0, values, $"aggregated score {total} is not a finite number");
        return new MoleculeScore(canonicalSmiles, total, values);
    }
}
