namespace MolGrid.Pipelines.Scoring;

/// <summary>
/// Component values already computed, keyed by (molecule key, component name, component version), so no
/// molecule is scored twice by the same computation, across rounds and campaigns. The embedded default keeps
/// it in SQLite, a cluster in PostgreSQL; <see cref="InMemoryScoreCache"/> serves tests and one-off runs.
/// Failures are cached too (a molecule that cannot be docked will not dock on retry either).
/// </summary>
public interface IScoreCache
{
    /// <summary>Cached results for the keys it has; keys it lacks are absent from the result.</summary>
    Task<IReadOnlyDictionary<string, ComponentResult>> GetManyAsync(string component, string version, IReadOnlyCollection<string> moleculeKeys, CancellationToken cancellationToken);

    /// <summary>Stores results; writing a key that is already present keeps the first value (idempotent).</summary>
    Task PutManyAsync(string component, string version, IReadOnlyDictionary<string, ComponentResult> results, CancellationToken cancellationToken);
}
