using MolGrid.Pipelines.Design;
using MolGrid.Pipelines.Scoring.Transforms;

namespace MolGrid.Pipelines.Scoring;

/// <summary>
/// The one place transforms are registered by type name. <see cref="CreateDefault"/> holds REINVENT's
/// transforms (sigmoid, reverse_sigmoid, double_sigmoid, step, value_map) and GuacaMol's score modifiers
/// used by the PMO oracles (gaussian, min_gaussian, max_gaussian, clipped, thresholded, linear).
/// </summary>
public sealed class TransformRegistry
{
    private readonly Dictionary<string, Func<SpecNode, IScoreTransform>> _factories = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Types => _factories.Keys.Order(StringComparer.Ordinal).ToArray();

    public TransformRegistry Register(string type, Func<SpecNode, IScoreTransform> factory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        _factories[type] = factory;
        return this;
    }

    /// <summary>Builds a transform, checking its parameters (unknown keys are rejected).</summary>
    public IScoreTransform Create(TransformConfig config)
    {
        if (!_factories.TryGetValue(config.Type, out var factory))
            throw new SpecException(config.Params.Path + ".type", $"unknown transform '{config.Type}'; known: {string.Join(", ", Types)}");
        var transform = factory(config.Params);
        config.Params.RejectUnknownKeys(["type"]);
        return transform;
    }

    public static TransformRegistry CreateDefault() => new TransformRegistry()
        .Register("identity", _ => new IdentityTransform())
        .Register("sigmoid", p => new SigmoidTransform(p.RequireDouble("low"), p.RequireDouble("high"), p.Double("k", 0.25), reverse: false).Checked(p))
        .Register("reverse_sigmoid", p => new SigmoidTransform(p.RequireDouble("low"), p.RequireDouble("high"), p.Double("k", 0.25), reverse: true).Checked(p))
        .Register("double_sigmoid", p => new DoubleSigmoidTransform(p.RequireDouble("low"), p.RequireDouble("high"),
            p.Double("coef_div", 100.0, 1e-9), p.Double("coef_si", 150.0), p.Double("coef_se", 150.0)).Checked(p))
        .Register("step", p => new StepTransform(p.RequireDouble("low"), p.RequireDouble("high")).Checked(p))
        .Register("value_map", ValueMapTransform.FromSpec)
        .Register("gaussian", p => new GaussianTransform(p.RequireDouble("mu"), p.RequireDouble("sigma", 1e-12), GaussianTransform.Side.Both))
        .Register("min_gaussian", p => new GaussianTransform(p.RequireDouble("mu"), p.RequireDouble("sigma", 1e-12), GaussianTransform.Side.Min))
        .Register("max_gaussian", p => new GaussianTransform(p.RequireDouble("mu"), p.RequireDouble("sigma", 1e-12), GaussianTransform.Side.Max))
        .Register("clipped", p => new ClippedTransform(p.RequireDouble("upper_x"), p.Double("lower_x", 0.0), p.Double("high_score", 1.0), p.Double("low_score", 0.0)).Checked(p))
        .Register("thresholded", p => new ThresholdedTransform(p.RequireDouble("threshold", 1e-12)))
        .Register("linear", p => new LinearTransform(p.Double("slope", 1.0), p.Double("intercept", 0.0)));
}
