using Dapper;
using Microsoft.Extensions.Logging;
using MolGrid.Grains.Contracts;
using Npgsql;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;

namespace MolGrid.Grains.Campaigns;

/// <summary>
/// Fast resumption: when a silo becomes active, and whenever Orleans' membership declares another silo dead, it
/// pokes every unfinished Orleans campaign (see <see cref="UnfinishedAsync"/>; on PostgreSQL found by its resume
/// reminder, which a campaign grain holds exactly while unfinished). Without this a campaign whose silo stopped or
/// died waits for the reminder's next tick, up to a minute. Poking a running campaign is harmless (StartAsync is
/// idempotent and the store lease admits one driver; a dead silo's lease is taken over at once).
/// </summary>
internal sealed class CampaignKeeper(IGrainFactory grains, Store.GridStore store, Microsoft.Extensions.Options.IOptions<ClusterOptions> cluster,
    IClusterMembershipService membership, ILogger<CampaignKeeper> log) : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly CancellationTokenSource _stop = new();
    private Task? _sweep, _watch;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe<CampaignKeeper>(ServiceLifecycleStage.Active, _ =>
        {
            _sweep = Task.Run(SweepAsync); // in the background: a slow store must not hold up the silo's start
            _watch = Task.Run(WatchForDeadSilosAsync);
            return Task.CompletedTask;
        }, _ =>
        {
            // Not awaited: the membership stream need not end promptly on cancellation, and a silo's shutdown
            // (Ctrl+C of an embedded submit) must not wait for it.
            _stop.Cancel();
            return Task.CompletedTask;
        });

    private async Task WatchForDeadSilosAsync()
    {
        var dead = new HashSet<SiloAddress>(membership.CurrentSnapshot.Members.Values.Where(m => m.Status == SiloStatus.Dead).Select(m => m.SiloAddress));
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(_stop.Token))
            {
                var newlyDead = snapshot.Members.Values.Where(m => m.Status == SiloStatus.Dead && dead.Add(m.SiloAddress)).ToList();
                if (newlyDead.Count == 0) continue;
                log.LogInformation("Silo(s) {Silos} declared dead; resuming their campaigns", string.Join(", ", newlyDead.Select(m => m.SiloAddress)));
                await SweepAsync();
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested) { }
    }

    /// <summary>The ids of unfinished campaigns: on PostgreSQL those with a resume reminder; embedded (SQLite,
    /// reminders in memory, so none survive a restart) every queued or running campaign in the store.</summary>
    public async Task<IReadOnlyList<string>> UnfinishedAsync()
    {
        if (store.Address.Kind == Configuration.StoreKind.Sqlite)
            return (await store.ListCampaignsAsync(null, CancellationToken.None))
                .Where(c => c.Status is nameof(CampaignStatus.Queued) or nameof(CampaignStatus.Running)).Select(c => c.Id).ToList();
        await using var conn = new NpgsqlConnection(store.Address.ConnectionString);
        var prefix = CampaignGrain.GrainTypeName + "/";
        var ids = await conn.QueryAsync<string>(
            "SELECT grainid FROM orleansreminderstable WHERE serviceid = @service AND remindername = @name AND grainid LIKE @pattern ORDER BY grainid",
            new { service = cluster.Value.ServiceId, name = CampaignGrain.ResumeReminder, pattern = prefix + "%" });
        return ids.Select(g => g[prefix.Length..]).ToList();
    }

    public async Task SweepAsync()
    {
        try
        {
            var ids = await UnfinishedAsync();
            foreach (var id in ids) await grains.GetGrain<ICampaignGrain>(id).StartAsync();
            if (ids.Count > 0) log.LogInformation("Resumed {Count} unfinished campaigns", ids.Count);
        }
        catch (Exception e)
        {
            log.LogWarning(e, "Sweeping for unfinished campaigns failed; their reminders resume them within a minute");
        }
    }
}
