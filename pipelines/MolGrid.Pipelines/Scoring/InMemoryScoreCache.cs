using System.Collections.Concurrent;

namespace MolGrid.Pipelines.Scoring;

/// <summary>A process-local <see cref="IScoreCache"/>.</summary>
public sealed class InMemoryScoreCache : IScoreCache
{
    private readonly ConcurrentDictionary<(string Component, string Version, string Key), ComponentResult> _values = new();

    public int Count => _values.Count;

    public Task<IReadOnlyDictionary<string, ComponentResult>> GetManyAsync(string component, string version, IReadOnlyCollection<string> moleculeKeys, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, ComponentResult>();
        foreach (var key in moleculeKeys)
            if (_values.TryGetValue((component, version, key), out var r)) found[key] = r;
        return Task.FromResult<IReadOnlyDictionary<string, ComponentResult>>(found);
    }

    public Task PutManyAsync(string component, string version, IReadOnlyDictionary<string, ComponentResult> results, CancellationToken cancellationToken)
    {
        foreach (var (key, r) in results) _values.TryAdd((component, version, key), r);
        return Task.CompletedTask;
    }
}
