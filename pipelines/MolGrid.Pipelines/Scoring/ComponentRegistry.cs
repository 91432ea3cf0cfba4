using MolGrid.Pipelines.Benchmarks.Pmo;
using MolGrid.Pipelines.Design;
using MolGrid.Pipelines.Scoring.Components;

namespace MolGrid.Pipelines.Scoring;

/// <summary>
/// THE one place scoring component types are registered by type name, together with the transforms and
/// aggregations a scoring function may use. Other areas add their own types from their own code, e.g.
/// <c>registry.AddTargetScorers(...)</c> calling <see cref="Register"/> for "qsar_gp" or "vina".
/// </summary>
public sealed class ComponentRegistry
{
    private readonly Dictionary<string, Func<ComponentConfig, IScoringComponent>> _factories = new(StringComparer.Ordinal);

    public TransformRegistry Transforms { get; } = TransformRegistry.CreateDefault();

    public AggregatorRegistry Aggregators { get; } = AggregatorRegistry.CreateDefault();

    public IReadOnlyCollection<string> Types => _factories.Keys.Order(StringComparer.Ordinal).ToArray();

    /// <summary>A new registry holding every built-in component type (each access returns a fresh
    /// registry, so registering into it never changes another caller's).</summary>
    public static ComponentRegistry Default => CreateDefault();

    public static ComponentRegistry CreateDefault() => new ComponentRegistry()
        .Register("descriptor", DescriptorComponent.FromConfig)
        .Register("similarity", SimilarityComponent.FromConfig)
        .Register("substructure", SubstructureComponent.FromConfig)
        .Register("alerts", AlertsComponent.FromConfig)
        .AddChemistryScores()
        .AddPmoOracles();

    /// <summary>Registers (or replaces) a component type.</summary>
    public ComponentRegistry Register(string type, Func<ComponentConfig, IScoringComponent> factory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        ArgumentNullException.ThrowIfNull(factory);
        _factories[type] = factory;
        return this;
    }

    public bool IsRegistered(string type) => _factories.ContainsKey(type);

    /// <summary>Builds the component, checking its parameters; unknown parameter keys are rejected.</summary>
    public IScoringComponent Create(ComponentConfig config)
    {
        if (!_factories.TryGetValue(config.Type, out var factory))
            throw new SpecException(config.Path + ".type", $"unknown component type '{config.Type}'; known: {string.Join(", ", Types)}");
        IScoringComponent component;
        try
        {
            component = factory(config);
        }
        catch (InvalidInputException) { throw; }
        catch (ArgumentException e)
        {
            throw new SpecException(config.Path + ".params", e.Message, e);
        }
        config.Params.RejectUnknownKeys();
        if (component.Name != config.Name)
            throw new InvalidOperationException($"component factory for '{config.Type}' named its component '{component.Name}', not '{config.Name}'");
        return component;
    }
}
