namespace MolGrid.Grains.Messages;

/// <summary>Published after a campaign is stored, so idle orchestrators claim it without waiting for their poll.</summary>
public sealed record CampaignSubmitted(string CampaignId);
