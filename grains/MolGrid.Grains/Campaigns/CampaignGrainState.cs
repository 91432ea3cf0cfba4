namespace MolGrid.Grains.Campaigns;

/// <summary>
/// A campaign grain's persisted state: deliberately small. The design state and the scored molecules stay in
/// the grid store (campaigns.state_json, candidates), written once per round by the conditional round update,
/// so grain state never grows with the budget.
/// </summary>
[GenerateSerializer, Alias("molgrid.campaign-grain-state")]
public sealed class CampaignGrainState
{
    [Id(0)] public CampaignStatus Status { get; set; } = CampaignStatus.Queued;
    [Id(1)] public int Round { get; set; }
    [Id(2)] public bool CancelRequested { get; set; }
    [Id(3)] public string? Error { get; set; }
}
