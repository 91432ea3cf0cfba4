using Orleans.Concurrency;

namespace MolGrid.Grains.Contracts;

/// <summary>
/// One per campaign (key: the campaign id of a row already in the grid store). Owns the round loop: propose,
/// score batches on work grains, combine, accept, record the round. Status and cancel interleave with a running
/// round so neither waits for it.
/// </summary>
[Alias("molgrid.campaign")]
public interface ICampaignGrain : IGrainWithStringKey
{
    /// <summary>Starts or resumes the round loop; harmless when it already runs or the campaign is finished.</summary>
    [Alias("start")] Task StartAsync();

    [Alias("status"), AlwaysInterleave] Task<CampaignGrainStatus> StatusAsync();

    /// <summary>Stops the round in flight (it is not recorded; the rounds before it stand); the campaign ends Cancelled.</summary>
    [Alias("cancel"), AlwaysInterleave] Task CancelAsync();
}
