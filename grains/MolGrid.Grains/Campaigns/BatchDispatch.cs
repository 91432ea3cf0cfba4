using Microsoft.Extensions.Logging;
using MolGrid.Grains.Contracts;
using Orleans;

namespace MolGrid.Grains.Campaigns;

/// <summary>A campaign's batches sent to work grains placed by capability, with the retry rule: a transient
/// failure is retried, a store outage stops the round, anything else fails the batch's molecules with a reason.</summary>
internal sealed class BatchDispatch(IGrainFactory grains, string campaignId, Placement.SiloLoadView loadView, ILogger log)
{
    private string Id => campaignId;

    /// <summary>The work grain's receipt once the batch's results are stored, else why they never will be. Retries
    /// transient failures (a silo died mid-call, a timeout: outcome unknown, and a repeat is harmless because results
    /// are insert-if-absent).</summary>
    /// <param name="cached">The batch's score-cache hits, read with the round's (see <see cref="WorkRequest.Cached"/>).</param>
    public async Task<(WorkReceipt? Receipt, string? Error)> ScoreAsync(Messages.ScoreBatch b, IReadOnlyList<WorkCachedValue>? cached, CancellationToken ct)
    {
        var work = grains.GetGrain<IWorkGrain>(WorkKey.For(b.Capability, $"{Id}/{b.BatchId}"));
        var request = new WorkRequest(Id, b.Round, b.BatchId, b.Capability, b.Spec, b.Molecules.Select(m => new WorkMolecule(m.Key, m.Smiles)).ToList(), cached);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var receipt = await work.ScoreAsync(request, ct).WaitAsync(ct);
                // Only a success counts the batch as back: a failed call (its silo died, say) leaves the silo looking
                // loaded, so placement does not send new batches to a silo Orleans has not yet declared dead.
                loadView.NoteDone(work.GetPrimaryKeyString());
                return (receipt, null);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception e) when (attempt < CampaignGrain.BatchAttempts)
            {
                log.LogWarning("campaign {Id}: batch {Batch} attempt {Attempt} failed: {Message}", Id, b.BatchId, attempt, e.Message);
                await Task.Delay(TimeSpan.FromMilliseconds(250 * attempt), ct);
            }
            catch (Exception e) when (StoreFault(e) is { } store)
            {
                // The silo could not commit its results because the store is away: not the molecules' fault, so the
                // round is abandoned (unrecorded) and run again once the store answers, instead of failing them.
                throw store;
            }
            catch (Exception e) when (e is not NoCapableSiloException)
            {
                log.LogWarning("campaign {Id}: batch {Batch} failed {Attempts} times; its molecules fail: {Message}", Id, b.BatchId, attempt, e.Message);
                return (null, $"batch {b.BatchId} failed {attempt} times on the grid: {e.Message}");
            }
        }
    }

    /// <summary>The store failure in <paramref name="e"/>'s chain: the driver's own here, or a work grain's
    /// <see cref="Silo.StoreUnavailableException"/> from any silo.</summary>
    public static Exception? StoreFault(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
            if (x is System.Data.Common.DbException or Silo.StoreUnavailableException) return x;
        return null;
    }
}
