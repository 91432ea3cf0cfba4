using MolGrid.Grains;

namespace MolGrid.Server.Campaigns;

/// <summary>A campaign with its progress: fraction of the oracle budget spent and every finished round.</summary>
public sealed record CampaignDetails(CampaignInfo Campaign, double Progress, IReadOnlyList<RoundProgress> Rounds)
{
    public static CampaignDetails From(CampaignInfo info, IReadOnlyList<RoundProgress> rounds) =>
        new(info, info.Status == CampaignStatus.Completed ? 1.0 : info.Budget > 0 ? Math.Clamp((double)info.OracleCalls / info.Budget, 0, 1) : 0, rounds);

    public static bool IsFinished(CampaignStatus s) => s is CampaignStatus.Completed or CampaignStatus.Cancelled or CampaignStatus.Failed;
}
