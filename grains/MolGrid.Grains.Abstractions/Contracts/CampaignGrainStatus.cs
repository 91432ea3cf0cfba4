namespace MolGrid.Grains.Contracts;

/// <summary>A campaign grain's own view: its status, the last recorded round, and the error of a failed one.</summary>
[GenerateSerializer, Alias("molgrid.campaign-status")]
public sealed record CampaignGrainStatus(
    [property: Id(0)] CampaignStatus Status,
    [property: Id(1)] int Round,
    [property: Id(2)] string? Error);
