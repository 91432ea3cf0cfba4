using MolGrid.Grains.Contracts;
using MolGrid.Grains.Planning;
using MolGrid.Grains.Services;
using MolGrid.Grains.Store;
using Orleans;

namespace MolGrid.Grains.Campaigns;

/// <summary>Submission on the Orleans path: validate by building the plan, store the queued row (the query side
/// stays the grid store), then start the campaign grain. Queries read the store.</summary>
internal sealed class OrleansCampaigns(GridStore store, CampaignPlanner planner, IGrainFactory grains)
{
    public async Task<CampaignInfo> SubmitAsync(CampaignSubmission submission, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(submission.Spec)) throw new InvalidInputException("spec", "the campaign spec is empty");
        if (string.IsNullOrWhiteSpace(submission.Owner)) throw new InvalidInputException("owner", "a campaign needs an owner");
        var row = CampaignService.NewRow(planner.Create(submission.Spec, submission), submission);
        await store.InsertCampaignAsync(row, ct);
        await grains.GetGrain<ICampaignGrain>(row.Id).StartAsync();
        return row.ToInfo();
    }
}
