using MolGrid.Grains.Store;

namespace MolGrid.Grains.Services;

/// <summary>
/// For a process that runs no work (read-only CLI commands, `campaign submit --detach`): a new campaign stays
/// Queued in the store until a silo on the same store starts (its <see cref="Campaigns.CampaignKeeper"/> sweeps
/// unfinished campaigns); cancel is the store's request, which a running campaign grain reads every round.
/// </summary>
internal sealed class StoreCampaignLauncher(GridStore store) : ICampaignLauncher
{
    public Task LaunchAsync(string campaignId, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<bool> CancelAsync(string campaignId, CancellationToken cancellationToken) => store.RequestCancelAsync(campaignId, cancellationToken);
}
