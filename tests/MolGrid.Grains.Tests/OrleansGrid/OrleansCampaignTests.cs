using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MolGrid.Grains.Campaigns;
using MolGrid.Grains.Configuration;
using MolGrid.Grains.Contracts;
using MolGrid.Harness.Synthetic;
using MolGrid.Grains.Store;
using MolGrid.Harness.Scratch;

namespace MolGrid.Grains.Tests;

/// <summary>
/// Campaigns on the Orleans path: a campaign grain drives the rounds, work grains score batches on the silos
/// with the batch's capability, through the campaign planner, the batch scoring engine and the grid store.
/// </summary>
[Collection("cluster")]
public sealed class OrleansCampaignTests
{
    private static List<(string Smiles, double Score, int Round)> Ranking(IReadOnlyList<CandidateRow> rows) =>
        rows.OrderByDescending(r => r.Score).ThenBy(r => r.MoleculeKey, StringComparer.Ordinal).Select(r => (r.Smiles, r.Score, r.Round)).ToList();

    [Fact]
    public async Task Campaign_runs_on_cpu_and_gpu_silos_and_ranks_exactly_as_an_undistributed_run()
    {
        var spec = new SyntheticSpec { Name = "orleans-same", Seed = 7, Budget = 96, RoundSize = 32, BatchSize = 8, Components = ["cpu", "gpu"] }.Render();
        await using var db = await PostgresScratch.CreateAsync("molgrid_orleans_campaign");
        var store = StoreAddress.Parse(db.Url);
        var cpu = await OrleansSilos.StartAsync(store, "campaigns", ["cpu"]);
        var gpu = await OrleansSilos.StartAsync(store, "campaigns", ["gpu"]);
        IReadOnlyList<CandidateRow> onOrleans;
        try
        {
            var info = await cpu.Services.GetRequiredService<OrleansCampaigns>().SubmitAsync(new CampaignSubmission(spec, "alice"), CancellationToken.None);
            var done = await CampaignWaits.GrainAsync(cpu, info.Id, TimeSpan.FromSeconds(90));
            Assert.Equal(CampaignStatus.Completed, done.Status);
            Assert.Equal(3, done.Round);
            var grid = new GridStore(store);
            var row = await grid.GetCampaignAsync(info.Id, CancellationToken.None);
            Assert.Equal("Completed", row!.Status);
            Assert.Equal(96, row.OracleCalls);
            var rounds = await grid.GetRoundsAsync(info.Id, CancellationToken.None);
            Assert.Equal([1, 2, 3], rounds.Select(r => r.Round));
            Assert.All(rounds, r => Assert.Equal(0, r.FailedBatches));
            Assert.All(rounds, r => Assert.Equal(8, r.Batches)); // 32 molecules / 8 per batch x 2 capabilities
            onOrleans = await grid.GetCandidatesAsync(info.Id, CancellationToken.None);
        }
        finally
        {
            await gpu.StopQuietlyAsync();
            await cpu.StopQuietlyAsync();
        }
        Assert.Equal(96, onOrleans.Count);
        Assert.All(onOrleans, c => Assert.Null(c.Error));

        // The ranking of an undistributed run of the same seed, and every score the scorer's own value.
        var spec0 = SyntheticSpec.Parse(spec);
        Assert.Equal(MolGrid.Harness.SyntheticReference.Ranking(spec0),
            onOrleans.OrderByDescending(r => r.Score).ThenBy(r => r.Smiles, StringComparer.Ordinal).Select(r => r.Smiles).ToList());
        Assert.All(onOrleans, r => Assert.Equal(spec0.Components.Select(c => SyntheticComponent.Value($"synthetic_{c}", r.Smiles)).Average(), r.Score, 12));
    }

    [Fact]
    public async Task Cancel_interleaves_with_a_running_round_and_ends_the_campaign_cancelled()
    {
        // 4 molecules per batch at 100 ms each on 2 slots: a 40-molecule round takes about 2 s.
        var spec = new SyntheticSpec { Name = "orleans-cancel", Seed = 3, Budget = 400, RoundSize = 40, BatchSize = 4, LatencyMs = 100 }.Render();
        await using var db = await PostgresScratch.CreateAsync("molgrid_orleans_cancel");
        var store = StoreAddress.Parse(db.Url);
        var silo = await OrleansSilos.StartAsync(store, "cancel", ["cpu"]);
        try
        {
            var info = await silo.Services.GetRequiredService<OrleansCampaigns>().SubmitAsync(new CampaignSubmission(spec, "bob"), CancellationToken.None);
            await CampaignWaits.GrainAsync(silo, info.Id, TimeSpan.FromSeconds(60), s => s.Round >= 1);
            var grain = silo.Grains().GetGrain<ICampaignGrain>(info.Id);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            await grain.CancelAsync();
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1.5), $"cancel waited {clock.Elapsed} (for the round?)");
            var done = await CampaignWaits.GrainAsync(silo, info.Id, TimeSpan.FromSeconds(30));
            Assert.Equal(CampaignStatus.Cancelled, done.Status);
            Assert.True(done.Round < 10, "the campaign ran to its end instead of stopping");
            Assert.Equal("Cancelled", (await new GridStore(store).GetCampaignAsync(info.Id, CancellationToken.None))!.Status);
        }
        finally
        {
            await silo.StopQuietlyAsync();
        }
    }

    [Fact]
    public async Task Work_no_silo_can_take_fails_the_campaign_with_the_reason()
    {
        var spec = new SyntheticSpec { Name = "orleans-nowhere", Seed = 1, Budget = 16, RoundSize = 16, BatchSize = 8, Components = ["docking"] }.Render();
        await using var db = await PostgresScratch.CreateAsync("molgrid_orleans_nowhere");
        var store = StoreAddress.Parse(db.Url);
        var silo = await OrleansSilos.StartAsync(store, "nowhere", ["cpu", "gpu"]);
        try
        {
            var info = await silo.Services.GetRequiredService<OrleansCampaigns>().SubmitAsync(new CampaignSubmission(spec, "carol"), CancellationToken.None);
            var done = await CampaignWaits.GrainAsync(silo, info.Id, TimeSpan.FromSeconds(30));
            Assert.Equal(CampaignStatus.Failed, done.Status);
            Assert.Contains("no silo can take 'docking' work", done.Error);
            var row = await new GridStore(store).GetCampaignAsync(info.Id, CancellationToken.None);
            Assert.Equal("Failed", row!.Status);
            Assert.Contains("docking", row.Error);

            // Bad submissions are bad input, and nothing is stored for them.
            var campaigns = silo.Services.GetRequiredService<OrleansCampaigns>();
            await Assert.ThrowsAsync<InvalidInputException>(() => campaigns.SubmitAsync(new CampaignSubmission(" ", "carol"), CancellationToken.None));
            await Assert.ThrowsAnyAsync<InvalidInputException>(() => campaigns.SubmitAsync(new CampaignSubmission("engine: synthetic\nbudget: lots", "carol"), CancellationToken.None));
            await Assert.ThrowsAsync<InvalidInputException>(() => campaigns.SubmitAsync(new CampaignSubmission(spec, ""), CancellationToken.None));
            Assert.Single(await new GridStore(store).ListCampaignsAsync(null, CancellationToken.None));
        }
        finally
        {
            await silo.StopQuietlyAsync();
        }
    }
    /// <summary>A real design spec (Graph GA over ChEMBL-like starts; QED, SA score and TPSA through RDKit) on two
    /// cpu silos must rank exactly as the design engine's own in-process runner ranks it.</summary>
    [Fact]
    public async Task Real_design_campaign_on_two_silos_ranks_as_the_in_process_runner()
    {
        const string spec = """
            name: orleans-design-test
            seed: 11
            budget: 90
            generator:
              type: graph_ga
              population_size: 20
              offspring_size: 30
              start_file: chembl_like_10k.smi
              start_size: 30
            scoring:
              aggregation: geometric
              components:
                - {type: qed, name: qed, weight: 2}
                - {type: sa_score, name: sa, transform: {type: reverse_sigmoid, low: 2, high: 6, k: 0.5}}
                - {type: descriptor, name: tpsa, params: {descriptor: tpsa}, transform: {type: double_sigmoid, low: 40, high: 120, coef_div: 120, coef_si: 10, coef_se: 10}}
            """;
        var samples = Path.Combine(MolGrid.Harness.Scratch.MolgridChild.RepoRoot, "samples", "design");
        void Design(Orleans.Hosting.ISiloBuilder s) => s.Services.AddSingleton(new MolGrid.Grains.Planning.DesignPlanOptions { SpecDirectory = samples, BatchSize = 7 });
        await using var db = await PostgresScratch.CreateAsync("molgrid_orleans_design");
        var store = StoreAddress.Parse(db.Url);
        var a = await OrleansSilos.StartAsync(store, "design", ["cpu"], extra: Design);
        var b = await OrleansSilos.StartAsync(store, "design", ["cpu"], extra: Design);
        IReadOnlyList<CandidateRow> rows;
        int oracleCalls;
        try
        {
            var info = await a.Services.GetRequiredService<OrleansCampaigns>().SubmitAsync(new CampaignSubmission(spec, "chemist"), CancellationToken.None);
            var done = await CampaignWaits.GrainAsync(a, info.Id, TimeSpan.FromMinutes(3));
            Assert.True(done.Status == CampaignStatus.Completed, done.Error);
            var grid = new GridStore(store);
            rows = await grid.GetCandidatesAsync(info.Id, CancellationToken.None);
            oracleCalls = (await grid.GetCampaignAsync(info.Id, CancellationToken.None))!.OracleCalls;
        }
        finally
        {
            await b.StopQuietlyAsync();
            await a.StopQuietlyAsync();
        }

        var parsed = MolGrid.Pipelines.Design.DesignSpec.Parse(spec, "test");
        var loop = MolGrid.Pipelines.Design.DesignEngine.CreateLoop(parsed, new MolGrid.Pipelines.Design.Generators.DesignLoopOptions(),
            MolGrid.Pipelines.Design.Generators.StartPopulation.Candidates(parsed.Generator, samples));
        var state = await MolGrid.Pipelines.Design.DesignRunner.RunAsync(loop, new MolGrid.Pipelines.Design.InProcessBatchScorer(
            MolGrid.Pipelines.Scoring.ScoringFunction.Create(parsed, MolGrid.Pipelines.Scoring.ComponentRegistry.Default)));
        var reference = MolGrid.Pipelines.Design.CandidateRanking.Rank(state);
        var ranked = rows.OrderByDescending(r => r.Score).ThenBy(r => r.MoleculeKey, StringComparer.Ordinal).ToList();
        Assert.Equal(state.OracleCalls, oracleCalls);
        Assert.Equal(reference.Count, ranked.Count);
        Assert.Equal(reference.Select(r => r.Total), ranked.Select(c => c.Score));
        Assert.Equal(reference.Select(r => r.Smiles).ToHashSet(), ranked.Select(c => c.Smiles).ToHashSet());
    }
    /// <summary>Stopping the silo that runs a campaign hands it off: the lease is released, the next silo's keeper
    /// resumes it at start (not after the reminder's minute), every round is recorded once, and the ranking equals
    /// an uninterrupted run's.</summary>
    [Fact]
    public async Task Campaign_resumes_on_another_silo_after_a_graceful_stop_with_the_same_ranking()
    {
        // 10 batches of 4 molecules at 50 ms each on 2 slots: about 1 s a round, 6 rounds.
        var spec = new SyntheticSpec { Name = "orleans-handoff", Seed = 9, Budget = 240, RoundSize = 40, BatchSize = 4, LatencyMs = 50 }.Render();
        await using var db = await PostgresScratch.CreateAsync("molgrid_orleans_handoff");
        var store = StoreAddress.Parse(db.Url);
        var grid = new GridStore(store);
        var first = await OrleansSilos.StartAsync(store, "handoff", ["cpu"]);
        string id;
        try
        {
            id = (await first.Services.GetRequiredService<OrleansCampaigns>().SubmitAsync(new CampaignSubmission(spec, "dave"), CancellationToken.None)).Id;
            await CampaignWaits.GrainAsync(first, id, TimeSpan.FromSeconds(60), s => s.Round >= 2);
        }
        finally
        {
            await first.StopQuietlyAsync();
        }
        var stopped = (await grid.GetCampaignAsync(id, CancellationToken.None))!;
        Assert.Equal("Running", stopped.Status);
        Assert.Null(stopped.LeaseOwner); // released on deactivation, so the next driver need not wait it out
        Assert.True(stopped.Round < 6, "the campaign finished before the silo stopped; the test proves nothing");

        var second = await OrleansSilos.StartAsync(store, "handoff", ["cpu"]);
        try
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var done = await CampaignWaits.GrainAsync(second, id, TimeSpan.FromSeconds(40));
            Assert.Equal(CampaignStatus.Completed, done.Status);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"resumed only after {clock.Elapsed} (the reminder, not the keeper?)");
            Assert.Equal([1, 2, 3, 4, 5, 6], (await grid.GetRoundsAsync(id, CancellationToken.None)).Select(r => r.Round));

            var again = (await second.Services.GetRequiredService<OrleansCampaigns>().SubmitAsync(new CampaignSubmission(spec, "dave"), CancellationToken.None)).Id;
            Assert.Equal(CampaignStatus.Completed, (await CampaignWaits.GrainAsync(second, again, TimeSpan.FromSeconds(40))).Status);
            Assert.Equal(Ranking(await grid.GetCandidatesAsync(again, CancellationToken.None)), Ranking(await grid.GetCandidatesAsync(id, CancellationToken.None)));
        }
        finally
        {
            await second.StopQuietlyAsync();
        }
    }
}
