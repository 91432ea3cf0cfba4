using MolGrid.Grains.Configuration;
using MolGrid.Grains.Planning.Synthetic;
using MolGrid.Silo;
using MolGrid.Silo.Scratch;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MolGrid.Grains.Tests;

/// <summary>In-process silos and orchestrators, each its own host and RabbitMQ connection, on the shared
/// loopback RabbitMQ (in a vhost of their own) and a scratch PostgreSQL database.</summary>
[Collection("cluster")]
public sealed class ClusterGridTests
{
    private static async Task<List<IHost>> StartClusterAsync(string bus, string store, int[] siloSlots)
    {
        var hosts = new List<IHost>();
        for (var i = 0; i < siloSlots.Length; i++)
        {
            var slots = siloSlots[i];
            var id = $"test-silo-{i + 1}";
            hosts.Add(await GridHosts.StartAsync(s => s.AddMolGridGrid(o => { o.Bus = BusAddress.Parse(bus); o.Store = StoreAddress.Parse(store); })
                .AddMolGridSilo(o => { o.Id = id; o.Slots = slots; o.Roles = ["cpu", "gpu"]; o.HeartbeatInterval = TimeSpan.FromMilliseconds(300); })));
        }
        hosts.Add(await GridHosts.StartAsync(s => s.AddMolGridCluster(bus, store, orchestrate: true)));
        return hosts;
    }

    private static async Task StopAsync(IEnumerable<IHost> hosts)
    {
        foreach (var h in hosts.Reverse()) { await h.StopAsync(TimeSpan.FromSeconds(20)); h.Dispose(); }
    }

    private static async Task<IReadOnlyList<string>> RunCampaignAsync(int[] siloSlots, SyntheticSpec spec)
    {
        await using var db = await PostgresScratch.CreateAsync("molgrid_test");
        await using var vhost = await RabbitVhost.CreateAsync("molgrid-test");
        var hosts = await StartClusterAsync(vhost.Url, db.Url, siloSlots);
        try
        {
            var campaigns = hosts[^1].Services.GetRequiredService<ICampaignService>();
            var id = (await campaigns.SubmitAsync(new CampaignSubmission(spec.Render(), "test"), CancellationToken.None)).Id;
            var done = await GridHosts.WaitForAsync(campaigns, id, TimeSpan.FromMinutes(2));
            Assert.Equal(CampaignStatus.Completed, done.Status);
            Assert.Equal(spec.Budget, done.OracleCalls);
            var page = await campaigns.QueryCandidatesAsync(id, new CandidateQuery(PageSize: 1000), CancellationToken.None);
            Assert.Equal(spec.Budget, page.Total);
            return page.Items.Select(c => c.Smiles).ToList();
        }
        finally
        {
            await StopAsync(hosts);
        }
    }

    [Fact]
    public async Task SameSeedGivesTheSameRankingOnOneSiloAndOnFour()
    {
        // Two capabilities, so each molecule's values come from two different batches (and silos).
        var spec = new SyntheticSpec { Name = "det", Seed = 99, Budget = 160, RoundSize = 40, BatchSize = 3, LatencyMs = 3, Components = ["cpu", "gpu"] };
        var reference = SyntheticReference.Ranking(spec);
        var one = await RunCampaignAsync([1], spec);
        // Uneven slots make batches finish in a different order than they were sent.
        var four = await RunCampaignAsync([1, 3, 2, 4], spec);
        Assert.Equal(reference, one);
        Assert.Equal(reference, four);
    }

    [Fact]
    public async Task DrainedSiloTakesNoWorkAndResumes()
    {
        await using var db = await PostgresScratch.CreateAsync("molgrid_test");
        await using var vhost = await RabbitVhost.CreateAsync("molgrid-test");
        var hosts = await StartClusterAsync(vhost.Url, db.Url, [2, 2]);
        try
        {
            var registry = hosts[^1].Services.GetRequiredService<ISiloRegistry>();
            var campaigns = hosts[^1].Services.GetRequiredService<ICampaignService>();
            await Until(async () => (await registry.ListAsync(default)).Count(s => s.State == SiloState.Active) == 2, "two active silos");
            Assert.True(await registry.DrainAsync("test-silo-1", default));
            Assert.False(await registry.DrainAsync("no-such-silo", default));
            await Until(async () => (await registry.ListAsync(default)).Single(s => s.Id == "test-silo-1").State == SiloState.Drained, "silo 1 drained");
            var before = (await registry.ListAsync(default)).Single(s => s.Id == "test-silo-1").BatchesDone;

            var spec = new SyntheticSpec { Name = "drain", Seed = 5, Budget = 60, RoundSize = 30, BatchSize = 3, LatencyMs = 2 };
            var id = (await campaigns.SubmitAsync(new CampaignSubmission(spec.Render(), "test"), default)).Id;
            Assert.Equal(CampaignStatus.Completed, (await GridHosts.WaitForAsync(campaigns, id, TimeSpan.FromMinutes(1))).Status);
            await Task.Delay(700); // one more heartbeat, so the counters are current
            var silos = await registry.ListAsync(default);
            Assert.Equal(before, silos.Single(s => s.Id == "test-silo-1").BatchesDone);
            Assert.Equal(20, silos.Single(s => s.Id == "test-silo-2").BatchesDone);
            var metrics = await registry.GetMetricsAsync(default);
            Assert.Equal(20, metrics.BatchesCompleted);
            Assert.Equal(60, metrics.MoleculesScored);
            Assert.Equal(0, metrics.QueueDepths["molgrid-score-cpu"]); // read from the broker

            Assert.True(await registry.ResumeAsync("test-silo-1", default));
            await Until(async () => (await registry.ListAsync(default)).Single(s => s.Id == "test-silo-1").State == SiloState.Active, "silo 1 active again");
            var again = (await campaigns.SubmitAsync(new CampaignSubmission((spec with { Seed = 6, Budget = 120, RoundSize = 60 }).Render(), "test"), default)).Id;
            Assert.Equal(CampaignStatus.Completed, (await GridHosts.WaitForAsync(campaigns, again, TimeSpan.FromMinutes(1))).Status);
            await Until(async () => (await registry.ListAsync(default)).Single(s => s.Id == "test-silo-1").BatchesDone > before, "silo 1 to take work after resuming");
        }
        finally
        {
            await StopAsync(hosts);
        }
    }

    private static async Task Until(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException(what);
            await Task.Delay(100);
        }
    }
}
