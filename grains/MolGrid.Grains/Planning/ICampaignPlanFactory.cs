namespace MolGrid.Grains.Planning;

/// <summary>Turns spec text into a <see cref="CampaignPlan"/>; throws an <see cref="InvalidInputException"/>
/// naming the spec key when the spec is bad. Must be deterministic: campaign grains and work grains build plans from
/// the same text independently.</summary>
public interface ICampaignPlanFactory
{
    /// <summary>True when this factory understands the spec (first factory that does wins).</summary>
    bool CanRead(string spec);

    CampaignPlan Create(string spec, CampaignSubmission? submission = null);
}
