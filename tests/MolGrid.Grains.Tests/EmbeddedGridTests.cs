using MolGrid.Grains.Planning.Synthetic;
using Microsoft.Extensions.DependencyInjection;

namespace MolGrid.Grains.Tests;

// One campaign-running class at a time: on 2 shared cores, concurrent RDKit-heavy design runs starve the
// thread pool that the in-memory bus and silos of another test need.
[Collection("cluster")]
public sealed class EmbeddedGridTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("molgrid-embedded-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    /// <summary>MassTransit 8.4's usage telemetry enumerated the bus's endpoint list while the silo connected its
    /// work queues; about one embedded start in eighty faulted, and the campaign then waited forever on a
    /// stopped bus. Both halves of the fix are wiring, so this checks the wiring the host actually resolves.</summary>
    [Fact]
    public async Task EmbeddedBusStartsBeforeTheSiloConnectsAndReportsNoUsageTelemetry()
    {
        using var host = await GridHosts.StartAsync(s => s.AddMolGridEmbedded(_dir));
        Assert.False(host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<MassTransit.UsageTelemetryOptions>>().Value.Enabled);
        Assert.True(host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<MassTransit.MassTransitHostOptions>>().Value.WaitUntilStarted);
        var bus = host.Services.GetRequiredService<MassTransit.IBusControl>();
        Assert.Equal(MassTransit.BusHealthStatus.Healthy, bus.CheckHealth().Status);
    }

    /// <summary>In embedded mode there is no broker to ask, so the queue depths are the open rounds' batches
    /// not yet completed, per work queue: some while a slow round runs, none once the campaign is done.</summary>
    [Fact]
    public async Task EmbeddedQueueDepthsCountTheOpenRoundsBatchesPerQueue()
    {
        // 8 batches of 4 molecules at 100 ms each on one slot: a round takes about 3 s.
        var spec = new SyntheticSpec { Name = "depths", Seed = 3, Budget = 32, RoundSize = 32, BatchSize = 4, LatencyMs = 100, Components = ["cpu"] };
        using var host = await GridHosts.StartAsync(s => s.AddMolGridEmbedded(_dir, o => o.Slots = 1));
        var campaigns = host.Services.GetRequiredService<ICampaignService>();
        var registry = host.Services.GetRequiredService<ISiloRegistry>();
        var id = (await campaigns.SubmitAsync(new CampaignSubmission(spec.Render(), "alice"), CancellationToken.None)).Id;

        var seen = new List<long>();
        while ((await campaigns.GetAsync(id, CancellationToken.None))!.Status is CampaignStatus.Queued or CampaignStatus.Running)
        {
            var depths = (await registry.GetMetricsAsync(CancellationToken.None)).QueueDepths;
            Assert.Equal(0, depths["molgrid-score-gpu"]);
            seen.Add(depths["molgrid-score-cpu"]);
            await Task.Delay(100);
        }
        Assert.Equal(CampaignStatus.Completed, (await campaigns.GetAsync(id, CancellationToken.None))!.Status);
        Assert.Contains(seen, d => d > 0);
        Assert.All(seen, d => Assert.InRange(d, 0, 8));
        Assert.All((await registry.GetMetricsAsync(CancellationToken.None)).QueueDepths.Values, d => Assert.Equal(0, d));
    }

    [Fact]
    public async Task SyntheticCampaignCompletesWithTheRankingOfAnUndistributedRun()
    {
        var spec = new SyntheticSpec { Name = "emb", Seed = 7, Budget = 96, RoundSize = 32, BatchSize = 5, Components = ["cpu", "gpu"] };
        using var host = await GridHosts.StartAsync(s => s.AddMolGridEmbedded(_dir, o => o.Slots = 3));
        var campaigns = host.Services.GetRequiredService<ICampaignService>();
        var submitted = await campaigns.SubmitAsync(new CampaignSubmission(spec.Render(), "alice"), CancellationToken.None);
        Assert.Equal(CampaignStatus.Queued, submitted.Status);
        var done = await GridHosts.WaitForAsync(campaigns, submitted.Id, TimeSpan.FromMinutes(3));
        Assert.Equal(CampaignStatus.Completed, done.Status);
        Assert.Equal(96, done.OracleCalls);
        Assert.Equal(3, done.Round);

        var page = await campaigns.QueryCandidatesAsync(submitted.Id, new CandidateQuery(PageSize: 1000), CancellationToken.None);
        var reference = MolGrid.Silo.SyntheticReference.Ranking(spec);
        Assert.Equal(reference, page.Items.Select(c => c.Smiles).ToList());
        Assert.Equal(3, (await campaigns.GetProgressAsync(submitted.Id, CancellationToken.None)).Count);
        // Scores are the components' mean, computed independently here.
        var top = page.Items[0];
        var expected = (SyntheticComponent.Value("synthetic_cpu", top.Smiles) + SyntheticComponent.Value("synthetic_gpu", top.Smiles)) / 2;
        Assert.Equal(expected, top.Score, 12);
        NothingWasResent(host);
    }

    /// <summary>Every batch was sent exactly once: none had to be resent after going missing (the in-memory
    /// transport drops messages sent before a queue is bound, which the silo's start order prevents).</summary>
    private static void NothingWasResent(Microsoft.Extensions.Hosting.IHost host)
    {
        var counters = host.Services.GetRequiredService<MolGrid.Grains.Orchestration.GridCounters>();
        Assert.Equal(counters.Awaited, counters.Dispatched);
    }

    [Fact]
    public async Task SecondCampaignWithTheSameMoleculesIsServedFromTheScoreCache()
    {
        var spec = new SyntheticSpec { Name = "cache", Seed = 3, Budget = 40, RoundSize = 20, BatchSize = 4, LatencyMs = 2 };
        using var host = await GridHosts.StartAsync(s => s.AddMolGridEmbedded(_dir, o => o.Slots = 2));
        var campaigns = host.Services.GetRequiredService<ICampaignService>();
        var first = await campaigns.SubmitAsync(new CampaignSubmission(spec.Render(), "a"), CancellationToken.None);
        await GridHosts.WaitForAsync(campaigns, first.Id, TimeSpan.FromMinutes(3));
        var a = await campaigns.QueryCandidatesAsync(first.Id, new CandidateQuery(PageSize: 100), CancellationToken.None);
        Assert.Equal(40, a.Total);
        Assert.All(a.Items, c => Assert.Null(c.Error));

        // Same molecules, but this time the scorer would throw on one of them: it must not be asked at all,
        // because (molecule, component, version) is already in the store's score cache.
        var victim = a.Items[5].Smiles;
        var second = await campaigns.SubmitAsync(new CampaignSubmission((spec with { ThrowOn = victim }).Render(), "b"), CancellationToken.None);
        var done = await GridHosts.WaitForAsync(campaigns, second.Id, TimeSpan.FromMinutes(3));
        Assert.Equal(CampaignStatus.Completed, done.Status);
        var b = await campaigns.QueryCandidatesAsync(second.Id, new CandidateQuery(PageSize: 100), CancellationToken.None);
        Assert.Equal(a.Items.Select(c => (c.Smiles, c.Score, c.Error)), b.Items.Select(c => (c.Smiles, c.Score, c.Error)));

        // (The bad-scorer fault scenario shows that a scorer asked about such a molecule does fail it.)
        var cache = host.Services.GetRequiredService<MolGrid.Pipelines.Scoring.IScoreCache>();
        var cached = await cache.GetManyAsync("synthetic_cpu", "1", a.Items.Select(c => c.MoleculeKey).ToList(), CancellationToken.None);
        Assert.Equal(40, cached.Count);
        NothingWasResent(host);
    }

    [Fact]
    public async Task CancelStopsARunningCampaignAfterItsRound()
    {
        var spec = new SyntheticSpec { Name = "cancel", Seed = 8, Budget = 400, RoundSize = 20, BatchSize = 5, LatencyMs = 20 };
        using var host = await GridHosts.StartAsync(s => s.AddMolGridEmbedded(_dir, o => o.Slots = 2));
        var campaigns = host.Services.GetRequiredService<ICampaignService>();
        var id = (await campaigns.SubmitAsync(new CampaignSubmission(spec.Render(), "a"), CancellationToken.None)).Id;
        await GridHosts.WaitForAsync(campaigns, id, TimeSpan.FromMinutes(3), c => c.Round >= 1);
        Assert.True(await campaigns.CancelAsync(id, CancellationToken.None));
        var done = await GridHosts.WaitForAsync(campaigns, id, TimeSpan.FromMinutes(3));
        Assert.Equal(CampaignStatus.Cancelled, done.Status);
        Assert.True(done.OracleCalls < spec.Budget);
        Assert.Equal(done.Round, (await campaigns.GetProgressAsync(id, CancellationToken.None)).Count);
        Assert.False(await campaigns.CancelAsync(id, CancellationToken.None));
        Assert.False(await campaigns.CancelAsync("no-such-campaign", CancellationToken.None));
        Assert.Null(await campaigns.GetAsync("no-such-campaign", CancellationToken.None));
    }
}
