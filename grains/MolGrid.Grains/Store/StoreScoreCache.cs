using MolGrid.Pipelines.Scoring;

namespace MolGrid.Grains.Store;

/// <summary>The score cache in the grid store (SQLite or PostgreSQL): shared by every silo and campaign, so a
/// molecule is scored once per (component, version). Writes keep the first value.</summary>
internal sealed class StoreScoreCache(GridStore store) : IScoreCache
{
    public async Task<IReadOnlyDictionary<string, ComponentResult>> GetManyAsync(string component, string version, IReadOnlyCollection<string> moleculeKeys, CancellationToken cancellationToken)
    {
        var rows = await store.GetCachedAsync(component, version, moleculeKeys, cancellationToken);
        return rows.ToDictionary(r => r.Key, r => r.Error is not null ? ComponentResult.Fail(r.Error) : ComponentResult.Ok(r.Value ?? double.NaN));
    }

    public Task PutManyAsync(string component, string version, IReadOnlyDictionary<string, ComponentResult> results, CancellationToken cancellationToken) =>
        store.PutCachedAsync(component, version, Rows(results), cancellationToken);

    internal static IReadOnlyList<(string Key, double? Value, string? Error)> Rows(IReadOnlyDictionary<string, ComponentResult> results) =>
        results.OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => (kv.Key, kv.Value.Failed ? (double?)null : kv.Value.Value, kv.Value.Error)).ToList();
}
