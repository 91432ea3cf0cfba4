namespace MolGrid.Grains.Services;

/// <summary>
/// What <see cref="CampaignService"/> does after it stored a new campaign, and how it asks one to stop: the
/// part that differs between the grid's drivers (Orleans campaign grains, or only the store for a process that
/// runs no work). Queries are the same for all and read the store.
/// </summary>
internal interface ICampaignLauncher
{
    /// <summary>Starts a campaign already stored as Queued. Stored is what counts: a launcher that cannot start
    /// it now leaves it to whichever driver sweeps the store next.</summary>
    Task LaunchAsync(string campaignId, CancellationToken cancellationToken);

    /// <summary>Asks a queued or running campaign to stop. False when it is unknown or already finished.</summary>
    Task<bool> CancelAsync(string campaignId, CancellationToken cancellationToken);
}
