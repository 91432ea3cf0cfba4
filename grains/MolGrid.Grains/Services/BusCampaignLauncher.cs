using MassTransit;
using MolGrid.Grains.Messages;
using MolGrid.Grains.Store;
using Microsoft.Extensions.Logging;

namespace MolGrid.Grains.Services;

/// <summary>The MassTransit grid's launcher: announces a stored campaign on the bus (orchestrators also poll the
/// store, so a lost announcement only delays it); cancel is the store's request, read by the orchestrator.</summary>
internal sealed class BusCampaignLauncher(GridStore store, IBus bus, ILogger<BusCampaignLauncher> log) : ICampaignLauncher
{
    public async Task LaunchAsync(string campaignId, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            await bus.Publish(new CampaignSubmitted(campaignId), timeout.Token);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            log.LogWarning("campaign {Id} stored but not announced: {Message}", campaignId, e.Message);
        }
    }

    public Task<bool> CancelAsync(string campaignId, CancellationToken cancellationToken) => store.RequestCancelAsync(campaignId, cancellationToken);
}
