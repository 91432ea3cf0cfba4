using MolGrid.Pipelines.Scoring;

namespace MolGrid.Pipelines.Targets;

/// <summary>
/// Wraps a component with an <see cref="IScoreCache"/>: values already known for (molecule key, name,
/// version) are read, only the rest are computed, and the new ones (failures included) are stored.
/// Same name, version and capability as the inner component.
/// </summary>
public sealed class CachedScoringComponent(IScoringComponent inner, IScoreCache cache) : IScoringComponent
{
    public string Name => inner.Name;

    public string Version => inner.Version;

    public string Capability => inner.Capability;

    public IScoringComponent Inner => inner;

    public async Task<IReadOnlyList<ComponentResult>> ComputeAsync(IReadOnlyList<ScoringMolecule> molecules, CancellationToken cancellationToken)
    {
        var keys = molecules.Select(m => m.Key).Distinct(StringComparer.Ordinal).ToArray();
        var known = await cache.GetManyAsync(Name, Version, keys, cancellationToken);
        var missing = molecules.Where(m => !known.ContainsKey(m.Key)).GroupBy(m => m.Key, StringComparer.Ordinal).Select(g => g.First()).ToList();
        var computed = new Dictionary<string, ComponentResult>(StringComparer.Ordinal);
        if (missing.Count > 0)
        {
            var fresh = await inner.ComputeAsync(missing, cancellationToken);
            for (var i = 0; i < missing.Count; i++) computed[missing[i].Key] = fresh[i];
            await cache.PutManyAsync(Name, Version, computed, cancellationToken);
        }
        return molecules.Select(m => known.TryGetValue(m.Key, out var r) ? r : computed[m.Key]).ToList();
    }
}

public static class ScoreCacheExtensions
{
    /// <summary>The component, reading and writing <paramref name="cache"/>.</summary>
    public static IScoringComponent WithCache(this IScoringComponent component, IScoreCache cache) => new CachedScoringComponent(component, cache);
}
