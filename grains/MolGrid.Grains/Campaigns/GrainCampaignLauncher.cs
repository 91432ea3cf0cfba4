using MolGrid.Grains.Contracts;
using MolGrid.Grains.Services;
using MolGrid.Grains.Store;
using Orleans;

namespace MolGrid.Grains.Campaigns;

/// <summary>
/// Launches campaigns on Orleans: the campaign grain (one activation in the cluster) owns the round loop.
/// Cancel is recorded in the store first (so it holds even if the grain's silo is gone), then told to the grain,
/// which stops after the batch calls in flight.
/// </summary>
internal sealed class GrainCampaignLauncher(GridStore store, IGrainFactory grains) : ICampaignLauncher
{
    public Task LaunchAsync(string campaignId, CancellationToken cancellationToken) =>
        grains.GetGrain<ICampaignGrain>(campaignId).StartAsync().WaitAsync(cancellationToken);

    public async Task<bool> CancelAsync(string campaignId, CancellationToken cancellationToken)
    {
        if (!await store.RequestCancelAsync(campaignId, cancellationToken)) return false;
        await grains.GetGrain<ICampaignGrain>(campaignId).CancelAsync().WaitAsync(cancellationToken);
        return true;
    }
}
