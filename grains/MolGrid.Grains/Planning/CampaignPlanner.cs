using System.Security.Cryptography;
using System.Text;

namespace MolGrid.Grains.Planning;

/// <summary>Chooses the factory for a spec and caches plans per campaign (silos see the same campaign on
/// every batch). A plan depends on the campaign's uploads as well as its spec text (a `targets:` section
/// reads the expression file), so the cache key is the campaign, and the uploads are loaded on a miss.</summary>
public sealed class CampaignPlanner(IEnumerable<ICampaignPlanFactory> factories)
{
    /// <summary>Plans kept at once; the least recently used goes first. Plans can hold trained models, and a
    /// long-lived silo sees many campaigns, most of them long finished.</summary>
    public const int CacheCapacity = 32;

    // The design engine reads every spec, so it goes last: a factory a host registers beside it (the harness's
    // synthetic engine) gets the first look at a spec, whatever the registration order.
    private readonly IReadOnlyList<ICampaignPlanFactory> _factories = factories.OrderBy(f => f is DesignPlanFactory ? 1 : 0).ToList();
    private readonly Dictionary<string, (Lazy<Task<CampaignPlan>> Plan, long LastUsed)> _cache = new(StringComparer.Ordinal);
    private long _clock;

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
        Lazy<Task<CampaignPlan>> lazy;
        lock (_cache)
        {
            if (_cache.TryGetValue(key, out var entry)) lazy = entry.Plan;
            else
            {
                lazy = new Lazy<Task<CampaignPlan>>(async () => Create(spec, await submission()));
                if (_cache.Count >= CacheCapacity) _cache.Remove(_cache.MinBy(kv => kv.Value.LastUsed).Key);
            }
            _cache[key] = (lazy, ++_clock);
        }
        try { return await lazy.Value; }
        catch
        {
            lock (_cache)
                if (_cache.TryGetValue(key, out var entry) && entry.Plan == lazy) _cache.Remove(key);
            throw;
        }
    }

    /// <summary>How many plans are cached (for tests and metrics).</summary>
    public int CachedCount { get { lock (_cache) return _cache.Count; } }
}

public sealed class SpecNotUnderstoodException(string spec)
    : InvalidInputException(spec.Length > 60 ? spec[..60] : spec, "no campaign engine understands this spec (is the design engine installed?)");
