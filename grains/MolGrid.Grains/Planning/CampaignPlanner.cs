using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace MolGrid.Grains.Planning;

/// <summary>Chooses the factory for a spec and caches plans per campaign (silos see the same campaign on
/// every batch). A plan depends on the campaign's uploads as well as its spec text (a `targets:` section
/// reads the expression file), so the cache key is the campaign, and the uploads are loaded on a miss.</summary>
public sealed class CampaignPlanner(IEnumerable<ICampaignPlanFactory> factories)
{
    private readonly IReadOnlyList<ICampaignPlanFactory> _factories = factories.ToList();
    private readonly ConcurrentDictionary<string, Lazy<Task<CampaignPlan>>> _cache = new();

    public CampaignPlan Create(string spec, CampaignSubmission? submission = null)
    {
        // Before any factory deserialises it: YamlDotNet's deserialiser recurses per nesting level.
        MolGrid.Pipelines.Design.SpecLimits.Check(spec, "campaign spec");
        var factory = _factories.FirstOrDefault(f => f.CanRead(spec))
            ?? throw new SpecNotUnderstoodException(spec);
        return factory.Create(spec, submission);
    }

    /// <summary>The plan of a campaign, built once per campaign and spec; <paramref name="submission"/> loads
    /// the campaign's stored submission (spec owner and uploads) when the plan is not cached yet.</summary>
    public async Task<CampaignPlan> CachedForCampaignAsync(string campaignId, string spec, Func<Task<CampaignSubmission?>> submission)
    {
        var key = campaignId + ":" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(spec)));
        var lazy = _cache.GetOrAdd(key, _ => new Lazy<Task<CampaignPlan>>(async () => Create(spec, await submission())));
        try { return await lazy.Value; }
        catch { _cache.TryRemove(key, out _); throw; }
    }
}

public sealed class SpecNotUnderstoodException(string spec)
    : InvalidInputException(spec.Length > 60 ? spec[..60] : spec, "no campaign engine understands this spec (is the design engine installed?)");
