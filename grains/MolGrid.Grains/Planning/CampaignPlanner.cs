using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace MolGrid.Grains.Planning;

/// <summary>Chooses the factory for a spec and caches plans by spec text hash (silos see the same spec on
/// every batch of a campaign).</summary>
public sealed class CampaignPlanner(IEnumerable<ICampaignPlanFactory> factories)
{
    private readonly IReadOnlyList<ICampaignPlanFactory> _factories = factories.ToList();
    private readonly ConcurrentDictionary<string, Lazy<CampaignPlan>> _cache = new();

    public CampaignPlan Create(string spec, CampaignSubmission? submission = null)
    {
        var factory = _factories.FirstOrDefault(f => f.CanRead(spec))
            ?? throw new SpecNotUnderstoodException(spec);
        return factory.Create(spec, submission);
    }

    public CampaignPlan Cached(string spec)
    {
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(spec)));
        var lazy = _cache.GetOrAdd(key, _ => new Lazy<CampaignPlan>(() => Create(spec)));
        try { return lazy.Value; }
        catch { _cache.TryRemove(key, out _); throw; }
    }
}

public sealed class SpecNotUnderstoodException(string spec)
    : InvalidInputException(spec.Length > 60 ? spec[..60] : spec, "no campaign engine understands this spec (is the design engine installed?)");
