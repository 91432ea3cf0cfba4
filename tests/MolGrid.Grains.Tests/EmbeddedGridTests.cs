using MolGrid.Harness.Synthetic;
using Microsoft.Extensions.DependencyInjection;

namespace MolGrid.Grains.Tests;

// One campaign-running class at a time: on 2 shared cores, concurrent RDKit-heavy design runs starve the
// thread pool that the silos of another test need.
[Collection("cluster")]
public sealed class EmbeddedGridTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("molgrid-embedded-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    /// <summary>The embedded grid is one Orleans silo in this process: the registry (Orleans'
    /// membership plus the load board) lists exactly this silo, active, with every role and the slots asked for.</summary>
    [Fact]
    public async Task EmbeddedGridIsOneOrleansSiloWithEveryRole()
    {
        using var host = await GridHosts.StartAsync(s => s.AddMolGridEmbedded(_dir, o => o.Slots = 3));
        Assert.NotNull(host.Services.GetService<Orleans.Runtime.ILocalSiloDetails>());
        var registry = host.Services.GetRequiredService<ISiloRegistry>();
        var local = host.Services.GetRequiredService<Orleans.Runtime.ILocalSiloDetails>().SiloAddress.ToParsableString();
        IReadOnlyList<SiloInfo> silos = [];
        for (var i = 0; i < 50 && (silos.Count == 0 || silos[0].Slots == 0); i++)
        {
            silos = await registry.ListAsync(CancellationToken.None);
            await Task.Delay(100); // the silo's first load report
        }
        var silo = Assert.Single(silos);
        Assert.Equal(local, silo.Id);
        Assert.Equal(SiloState.Active, silo.State);
        Assert.Equal(3, silo.Slots);
        Assert.Equal(["cpu", "gpu", "docking"], silo.Roles.OrderBy(r => r == "cpu" ? 0 : r == "gpu" ? 1 : 2));
        Assert.False(await registry.DrainAsync("127.0.0.1:1@1", CancellationToken.None));
    }

    /// <summary>Orleans pushes batches to work grains, so what waits is work grains queued for a slot: some while
    /// a slow round runs on one slot (8 batches, 1 slot: up to 7 wait), none once the campaign is done.</summary>
    [Fact]
    public async Task EmbeddedMetricsCountWorkWaitingForASlot()
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
            seen.Add((await registry.GetMetricsAsync(CancellationToken.None)).QueueDepths["work-waiting"]);
            await Task.Delay(100);
        }
        Assert.Equal(CampaignStatus.Completed, (await campaigns.GetAsync(id, CancellationToken.None))!.Status);
        Assert.Contains(seen, d => d > 0);
        Assert.All(seen, d => Assert.InRange(d, 0, 7));
        GridMetrics after = null!;
        for (var i = 0; i < 30; i++) // the next load report (every second) shows the slot free again
        {
            after = await registry.GetMetricsAsync(CancellationToken.None);
            if (after.MoleculesScored == 32) break;
            await Task.Delay(100);
        }
        Assert.Equal(0, after.QueueDepths["work-waiting"]);
        Assert.Equal(8, after.BatchesCompleted);
        Assert.Equal(32, after.MoleculesScored);
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
        var reference = MolGrid.Harness.SyntheticReference.Ranking(spec);
        Assert.Equal(reference, page.Items.Select(c => c.Smiles).ToList());
        Assert.Equal(3, (await campaigns.GetProgressAsync(submitted.Id, CancellationToken.None)).Count);
        // Scores are the components' mean, computed independently here.
        var top = page.Items[0];
        var expected = (SyntheticComponent.Value("synthetic_cpu", top.Smiles) + SyntheticComponent.Value("synthetic_gpu", top.Smiles)) / 2;
        Assert.Equal(expected, top.Score, 12);
        await EveryBatchScoredOnceAsync(host, submitted.Id);
    }

    /// <summary>Every batch was scored exactly once: the work grains ran as many batches as the campaigns' recorded
    /// rounds hold (a retried or resent batch would run again).</summary>
    private static async Task EveryBatchScoredOnceAsync(Microsoft.Extensions.Hosting.IHost host, params string[] campaignIds)
    {
        var store = host.Services.GetRequiredService<MolGrid.Grains.Store.GridStore>();
        var stored = 0;
        foreach (var id in campaignIds) stored += (await store.GetRoundsAsync(id, CancellationToken.None)).Sum(r => r.Batches);
        Assert.True(stored > 0);
        Assert.Equal(stored, host.Services.GetRequiredService<MolGrid.Grains.Placement.SiloWorkStats>().BatchesDone);
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
        await EveryBatchScoredOnceAsync(host, first.Id, second.Id);
    }

    /// <summary>Two processes on one data directory are two one-silo clusters over one SQLite store: the second
    /// silo's keeper finds the first one's running campaign and pokes its grain, which must not take it over (the
    /// store lease). The campaign completes once, every round recorded once, with the undistributed ranking, and
    /// the second silo scores nothing.</summary>
    [Fact]
    public async Task TwoEmbeddedGridsOnOneDataDirectoryNeverRunACampaignTwice()
    {
        var spec = new SyntheticSpec { Name = "two", Seed = 11, Budget = 96, RoundSize = 16, BatchSize = 4, LatencyMs = 10, Components = ["cpu"] };
        using var first = await GridHosts.StartAsync(s => s.AddMolGridEmbedded(_dir, o => o.Slots = 2));
        var campaigns = first.Services.GetRequiredService<ICampaignService>();
        var id = (await campaigns.SubmitAsync(new CampaignSubmission(spec.Render(), "alice"), CancellationToken.None)).Id;
        await GridHosts.WaitForAsync(campaigns, id, TimeSpan.FromMinutes(2), c => c.Round >= 1);
        using var second = await GridHosts.StartAsync(s => s.AddMolGridEmbedded(_dir, o => o.Slots = 2));
        var keeper = second.Services.GetRequiredService<MolGrid.Grains.Campaigns.CampaignKeeper>();
        Assert.Contains(id, await keeper.UnfinishedAsync());
        await keeper.SweepAsync(); // as at its start, but surely while the campaign still runs

        var done = await GridHosts.WaitForAsync(second.Services.GetRequiredService<ICampaignService>(), id, TimeSpan.FromMinutes(2));
        Assert.Equal(CampaignStatus.Completed, done.Status);
        Assert.Equal(6, done.Round);
        Assert.Equal(Enumerable.Range(1, 6), (await campaigns.GetProgressAsync(id, CancellationToken.None)).Select(r => r.Round));
        var page = await campaigns.QueryCandidatesAsync(id, new CandidateQuery(PageSize: 1000), CancellationToken.None);
        Assert.Equal(MolGrid.Harness.SyntheticReference.Ranking(spec), page.Items.Select(c => c.Smiles).ToList());
        Assert.Equal(0, second.Services.GetRequiredService<MolGrid.Grains.Placement.SiloWorkStats>().BatchesDone);
        await EveryBatchScoredOnceAsync(first, id);
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
