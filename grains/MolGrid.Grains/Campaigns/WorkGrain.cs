using System.Text.Json;
using MolGrid.Grains.Contracts;
using MolGrid.Grains.Messages;
using MolGrid.Grains.Placement;
using MolGrid.Grains.Planning;
using MolGrid.Grains.Silo;
using MolGrid.Grains.Store;
using Orleans;
using Orleans.Runtime;

namespace MolGrid.Grains.Campaigns;

/// <summary>
/// Scores one batch (see <see cref="IWorkGrain"/>) with <see cref="BatchScoringEngine"/>: values from the score
/// cache where present, the rest computed under the per-molecule timeout, results and new cache values committed
/// insert-if-absent in one transaction. The campaign grain reads the cache for its whole round and sends each batch
/// its hits; a request without them (another caller) reads the cache here. A work slot is held only while it
/// computes: the plan, the cache read and the commit are store and CPU-light work that would otherwise leave a slot
/// (an accelerator) idle between batches. Those store calls pass a <see cref="StoreGate"/> instead, so a silo's queue of batches does not open a
/// connection each. Deactivates afterwards (each batch key is used once, bar retries).
/// </summary>
[CapabilityPlacement]
internal sealed class WorkGrain(GridStore store, CampaignPlanner planner, BatchScoringEngine engine, WorkSlots slots, StoreGate storeGate,
    SiloWorkStats stats, ILocalSiloDetails local, MolGridOrleansOptions options) : Grain, IWorkGrain
{
    public async Task<WorkReceipt> ScoreAsync(WorkRequest request, CancellationToken cancellationToken = default)
    {
        try
        {
            return await ScoreBatchAsync(request, cancellationToken);
        }
        catch (System.Data.Common.DbException e)
        {
            throw new StoreUnavailableException($"the grid store failed on silo {local.SiloAddress}: {e.Message}");
        }
    }

    private async Task<WorkReceipt> ScoreBatchAsync(WorkRequest request, CancellationToken cancellationToken)
    {
        var capability = WorkKey.CapabilityOf(this.GetPrimaryKeyString());
        if (capability != request.Capability)
            throw new ArgumentException($"work grain {this.GetPrimaryKeyString()} is for {capability} work, not {request.Capability}", nameof(request));
        var plan = await planner.CachedForCampaignAsync(request.CampaignId, request.Spec, () => store.SubmissionAsync(request.CampaignId, CancellationToken.None));
        var components = plan.Components.Where(c => c.Capability == capability).ToList();
        var molecules = request.Molecules.Select(m => new BatchMolecule(m.Key, m.Smiles)).ToList();
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, Pipelines.Scoring.ComponentResult>> cached;
        if (request.Cached is { } hits) cached = BatchScoringEngine.CachedFrom(components, hits);
        else
            using (await storeGate.EnterAsync(cancellationToken))
                cached = await engine.ReadCacheAsync(components, molecules, cancellationToken);
        IReadOnlyList<BatchResultItem> results;
        IReadOnlyList<CacheWrite> newValues;
        using (await slots.AcquireAsync(cancellationToken))
            (results, newValues, _) = await engine.ScoreAsync(components, molecules, plan.MoleculeTimeout ?? options.MoleculeTimeout, cancellationToken, cached);
        cancellationToken.ThrowIfCancellationRequested();
        var silo = local.SiloAddress.ToParsableString();
        var json = JsonSerializer.Serialize(results, StoreJson.Options);
        var row = new BatchResultRow
        {
            CampaignId = request.CampaignId, Round = request.Round, BatchId = request.BatchId, Capability = capability, SiloId = silo,
            ResultsJson = json, CompletedAt = GridStore.Now,
        };
        var cacheRows = newValues.Select(w => (w.Component, w.Version, StoreScoreCache.Rows(w.Values))).ToList();
        bool stored;
        using (await storeGate.EnterAsync(CancellationToken.None))
            stored = await store.CompleteBatchAsync(row, cacheRows, CancellationToken.None);
        stats.RecordBatch(molecules.Count);
        DeactivateOnIdle();
        return new WorkReceipt(silo, stored, molecules.Count, json);
    }
}
