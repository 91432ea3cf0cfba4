using MolGrid.Grains.Contracts;
using MolGrid.Grains.Messages;
using MolGrid.Grains.Store;
using MolGrid.Pipelines.Scoring;

namespace MolGrid.Grains.Silo;

/// <summary>
/// Computes one capability's components for a batch on a silo: cached values come from the store's score
/// cache, the rest are computed and cached. A component that throws or overruns its time on the batch is
/// retried molecule by molecule, each under the per-molecule timeout, so one bad molecule is failed with
/// its reason and the others are scored.
/// </summary>
internal sealed record CacheWrite(string Component, string Version, IReadOnlyDictionary<string, ComponentResult> Values);

internal sealed class BatchScoringEngine(IScoreCache cache)
{
    /// <summary>What the store's score cache already holds for the batch, per component name. Read before the batch
    /// takes a work slot, so the slot is spent computing rather than waiting for the store.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyDictionary<string, ComponentResult>>> ReadCacheAsync(IReadOnlyList<IScoringComponent> components,
        IReadOnlyList<BatchMolecule> batch, CancellationToken ct)
    {
        var keys = batch.Select(m => m.Key).Distinct(StringComparer.Ordinal).ToList();
        var cached = new Dictionary<string, IReadOnlyDictionary<string, ComponentResult>>(StringComparer.Ordinal);
        foreach (var component in components)
            cached[component.Name] = await cache.GetManyAsync(component.Name, component.Version, keys, ct);
        return cached;
    }

    /// <summary>The score cache read once for many batches (a campaign's round), cut into each batch's hits for the
    /// components of its capability, keyed by batch id: one query per component where each batch would have made its own.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<WorkCachedValue>>> ReadCacheForBatchesAsync(IReadOnlyList<IScoringComponent> components,
        IReadOnlyList<ScoreBatch> batches, CancellationToken ct)
    {
        var byBatch = new Dictionary<string, IReadOnlyList<WorkCachedValue>>(StringComparer.Ordinal);
        foreach (var group in batches.GroupBy(b => b.Capability))
        {
            var mine = components.Where(c => c.Capability == group.Key).ToList();
            var hits = await ReadCacheAsync(mine, [.. group.SelectMany(b => b.Molecules)], ct);
            foreach (var b in group)
                byBatch[b.BatchId] = [.. b.Molecules.SelectMany(m => mine
                    .Select(c => hits[c.Name].TryGetValue(m.Key, out var r) ? new WorkCachedValue(c.Name, m.Key, r.Value, r.Error) : null)
                    .OfType<WorkCachedValue>())];
        }
        return byBatch;
    }

    /// <summary>Hits that came with a batch (<see cref="WorkRequest.Cached"/>) in the shape <see cref="ReadCacheAsync"/> returns.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, ComponentResult>> CachedFrom(IReadOnlyList<IScoringComponent> components,
        IReadOnlyList<WorkCachedValue> hits) =>
        components.ToDictionary(c => c.Name, c => (IReadOnlyDictionary<string, ComponentResult>)hits.Where(h => h.Component == c.Name)
            .ToDictionary(h => h.Key, h => new ComponentResult(h.Value, h.Error), StringComparer.Ordinal), StringComparer.Ordinal);

    /// <summary>Scores the batch with the cached values given (read from the cache when none are); also returns the
    /// Stopwatch ticks spent inside components.</summary>
    public async Task<(IReadOnlyList<BatchResultItem> Results, IReadOnlyList<CacheWrite> NewValues, long ComputeTicks)> ScoreAsync(IReadOnlyList<IScoringComponent> components, IReadOnlyList<BatchMolecule> batch,
        TimeSpan moleculeTimeout, CancellationToken ct, IReadOnlyDictionary<string, IReadOnlyDictionary<string, ComponentResult>>? cachedValues = null)
    {
        cachedValues ??= await ReadCacheAsync(components, batch, ct);
        long computeTicks = 0;
        var newValues = new List<CacheWrite>();
        var distinct = batch.DistinctBy(m => m.Key).ToList();
        // One parsed molecule per batch molecule, shared by every component as the in-process scorer shares it:
        // parsing and descriptors once, not once per component (the example spec's four components parsed each
        // SMILES four times and computed descriptors twice).
        using var molecules = new SharedMolecules();
        var values = distinct.ToDictionary(m => m.Key, _ => new Dictionary<string, double?>());
        var errors = distinct.ToDictionary(m => m.Key, _ => new Dictionary<string, string>());
        foreach (var component in components.OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            var cached = cachedValues.TryGetValue(component.Name, out var c0) ? c0 : new Dictionary<string, ComponentResult>();
            var todo = distinct.Where(m => !cached.ContainsKey(m.Key)).ToList();
            var computeStarted = System.Diagnostics.Stopwatch.GetTimestamp();
            var (computed, transient) = todo.Count == 0 ? (new Dictionary<string, ComponentResult>(), new HashSet<string>()) : await ComputeAsync(component, todo, molecules, moleculeTimeout, ct);
            computeTicks += System.Diagnostics.Stopwatch.GetTimestamp() - computeStarted;
            // Written by the caller in the same transaction as the batch result (one commit per batch). Timeouts
            // and exceptions depend on load and luck, not on the molecule: caching them would make every later
            // campaign's ranking depend on how busy this silo was, so only the component's own answers are kept.
            var cacheable = computed.Where(kv => !transient.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value);
            if (cacheable.Count > 0) newValues.Add(new CacheWrite(component.Name, component.Version, cacheable));
            foreach (var m in distinct)
            {
                var r = cached.TryGetValue(m.Key, out var c) ? c : computed[m.Key];
                if (r.Failed) { values[m.Key][component.Name] = null; errors[m.Key][component.Name] = r.Error!; }
                else values[m.Key][component.Name] = r.Value;
            }
        }
        return (batch.Select(m => new BatchResultItem(m.Key, values[m.Key], errors[m.Key].Count > 0 ? errors[m.Key] : null)).ToList(), newValues, computeTicks);
    }

    /// <summary>The component's results for <paramref name="todo"/>, and the keys whose failure came from a
    /// timeout or an exception rather than from the component's own answer.</summary>
    private async Task<(Dictionary<string, ComponentResult> Results, HashSet<string> Transient)> ComputeAsync(IScoringComponent component, List<BatchMolecule> todo,
        SharedMolecules molecules, TimeSpan moleculeTimeout, CancellationToken ct)
    {
        {
            var batchTimeout = TimeSpan.FromTicks(Math.Min(moleculeTimeout.Ticks * todo.Count, TimeSpan.FromMinutes(30).Ticks));
            var whole = await TryComputeAsync(component, todo, molecules, batchTimeout, ct);
            if (whole is not null) return (whole, []);
            // The batch call failed: isolate the culprit by scoring each molecule on its own.
            var result = new Dictionary<string, ComponentResult>();
            var transient = new HashSet<string>();
            foreach (var m in todo)
            {
                try
                {
                    var one = await TryComputeAsync(component, [m], molecules, moleculeTimeout, ct, rethrow: true);
                    result[m.Key] = one![m.Key];
                }
                catch (TimeoutException)
                {
                    result[m.Key] = ComponentResult.Fail($"{component.Name} timed out after {moleculeTimeout.TotalMilliseconds:0} ms");
                    transient.Add(m.Key);
                }
                catch (Exception e) when (e is not SiloFaultException && !ct.IsCancellationRequested)
                {
                    result[m.Key] = ComponentResult.Fail($"{component.Name} failed: {e.GetType().Name}: {e.Message}");
                    transient.Add(m.Key);
                }
            }
            return (result, transient);
        }
    }

    private static async Task<Dictionary<string, ComponentResult>?> TryComputeAsync(IScoringComponent component, List<BatchMolecule> molecules,
        SharedMolecules shared, TimeSpan timeout, CancellationToken ct, bool rethrow = false)
    {
        var scoring = molecules.Select(shared.Get).ToList();
        using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeoutCts.CancelAfter(timeout);
        var call = Task.Run(() => component.ComputeAsync(scoring, timeoutCts.Token), CancellationToken.None);
        try
        {
            // WaitAsync abandons a call that ignores cancellation (a hung native scorer); its molecules are then failed.
            var values = await call.WaitAsync(timeout, ct);
            if (values.Count != molecules.Count)
                throw new InvalidOperationException($"{component.Name} returned {values.Count} results for {molecules.Count} molecules");
            var result = new Dictionary<string, ComponentResult>();
            for (var i = 0; i < molecules.Count; i++) result[molecules[i].Key] = values[i];
            return result;
        }
        catch (SiloFaultException) { throw; }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { throw; }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            if (rethrow) throw new TimeoutException();
            return null;
        }
        catch (Exception) when (!rethrow)
        {
            return null;
        }
        finally
        {
            // A call still running may be using its molecules: leave them to it rather than free native memory
            // under it, and give later calls fresh ones (an RDKit molecule is used by one thread at a time).
            if (!call.IsCompleted) shared.Abandon(scoring);
        }
    }
}
