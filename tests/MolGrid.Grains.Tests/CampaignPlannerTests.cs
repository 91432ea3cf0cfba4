using Microsoft.Extensions.DependencyInjection;
using MolGrid.Grains.Configuration;
using MolGrid.Grains.Planning;
using MolGrid.Harness.Synthetic;

namespace MolGrid.Grains.Tests;

/// <summary>Which engine plans a spec (a product host has only the design engine), and the silo's plan cache: one
/// build per campaign and spec, a bounded number kept, failures not kept.</summary>
public class CampaignPlannerTests
{
    private sealed class CountingFactory : ICampaignPlanFactory
    {
        private readonly SyntheticPlanFactory _inner = new();
        public int Builds;

        public bool CanRead(string spec) => _inner.CanRead(spec);

        public CampaignPlan Create(string spec, CampaignSubmission? submission = null)
        {
            Interlocked.Increment(ref Builds);
            return _inner.Create(spec, submission);
        }
    }

    private const string Spec = "engine: synthetic\nname: cache\nbudget: 64\n";

    private static Task<CampaignSubmission?> Submission() => Task.FromResult<CampaignSubmission?>(new CampaignSubmission(Spec, "tester", null, null));

    [Fact]
    public async Task EachCampaignIsPlannedOnceAndTheLeastRecentlyUsedIsEvictedBeyondTheCapacity()
    {
        var factory = new CountingFactory();
        var planner = new CampaignPlanner([factory]);
        var first = await planner.CachedForCampaignAsync("c-0", Spec, Submission);
        Assert.Same(first, await planner.CachedForCampaignAsync("c-0", Spec, Submission));
        Assert.Equal(1, factory.Builds);

        // Fill the cache, touching c-0 again halfway so that c-1 is the oldest when it overflows.
        for (var i = 1; i < CampaignPlanner.CacheCapacity; i++)
        {
            await planner.CachedForCampaignAsync($"c-{i}", Spec, Submission);
            if (i == CampaignPlanner.CacheCapacity / 2) await planner.CachedForCampaignAsync("c-0", Spec, Submission);
        }
        Assert.Equal(CampaignPlanner.CacheCapacity, planner.CachedCount);
        await planner.CachedForCampaignAsync("c-new", Spec, Submission);
        Assert.Equal(CampaignPlanner.CacheCapacity, planner.CachedCount);
        var builds = factory.Builds;

        Assert.Same(first, await planner.CachedForCampaignAsync("c-0", Spec, Submission)); // kept: recently used
        Assert.Equal(builds, factory.Builds);
        await planner.CachedForCampaignAsync("c-1", Spec, Submission); // evicted: built again
        Assert.Equal(builds + 1, factory.Builds);
    }

    [Fact]
    public async Task AFailedBuildIsNotCached()
    {
        var factory = new CountingFactory();
        var planner = new CampaignPlanner([factory]);
        var calls = 0;
        Task<CampaignSubmission?> Flaky() => ++calls == 1 ? throw new IOException("store away") : Submission();
        await Assert.ThrowsAsync<IOException>(() => planner.CachedForCampaignAsync("c", Spec, Flaky));
        Assert.Equal(0, planner.CachedCount);
        await planner.CachedForCampaignAsync("c", Spec, Flaky);
        Assert.Equal(1, factory.Builds);
    }

    private static CampaignPlanner Planner(bool synthetic)
    {
        var services = new ServiceCollection().AddMolGridStoreOnly(StoreAddress.Sqlite(Path.Combine(Path.GetTempPath(), "unused.db")));
        if (synthetic) services.UseMolGridSyntheticEngine();
        return services.BuildServiceProvider().GetRequiredService<CampaignPlanner>();
    }

    [Fact]
    public void AProductHostTreatsTheSyntheticEngineAsAnUnknownSpecKey()
    {
        var e = Assert.ThrowsAny<InvalidInputException>(() => Planner(synthetic: false).Create(Spec));
        Assert.Contains("engine", e.Message);
    }

    [Fact]
    public void AnEngineAHostRegistersIsAskedBeforeTheDesignEngine()
    {
        // Registered after the design engine, the synthetic engine still claims its specs.
        Assert.IsType<SyntheticDesignLoop>(Planner(synthetic: true).Create(Spec).Loop);
    }
}
