using Microsoft.Extensions.DependencyInjection;
using MolGrid.Grains.Campaigns;
using MolGrid.Grains.Configuration;
using MolGrid.Grains.Contracts;
using MolGrid.Grains.Store;
using MolGrid.Pipelines.Design;
using MolGrid.Pipelines.Design.Generators;
using MolGrid.Pipelines.Scoring;
using MolGrid.Harness.Scratch;

namespace MolGrid.Grains.Tests;

/// <summary>
/// A reinvent campaign on Orleans silos: its agent (weights and Adam's moments, far too big for the design state)
/// is checkpointed with every recorded round, so when its silo stops mid-campaign another silo continues the same
/// run, and the campaign ranks exactly as an uninterrupted in-process run of the same seed.
/// </summary>
[Collection("cluster")]
public sealed class ReinventCampaignTests
{
    private const string Spec = """
        name: reinvent-handoff
        seed: 8
        budget: 70
        generator: {type: reinvent, batch_size: 16, replay_size: 20, replay_sample: 10, augmentation_rounds: 1, device: cpu}
        scoring:
          components:
            - {type: qed, name: qed}
        """;

    private static async Task<List<(string Smiles, double Score)>> InProcessRankingAsync()
    {
        var parsed = DesignSpec.Parse(Spec, "test");
        var loop = DesignEngine.CreateLoop(parsed, new DesignLoopOptions());
        DesignState reference;
        try { reference = await DesignRunner.RunAsync(loop, new InProcessBatchScorer(ScoringFunction.Create(parsed, ComponentRegistry.Default))); }
        finally { (loop as IDisposable)?.Dispose(); }
        return CandidateRanking.Rank(reference).Select(c => (c.Smiles, Math.Round(c.Total, 12)))
            .OrderByDescending(e => e.Item2).ThenBy(e => e.Smiles, StringComparer.Ordinal).ToList();
    }

    private static async Task<List<(string Smiles, double Score)>> GridRankingAsync(GridStore grid, string id) =>
        (await grid.GetCandidatesAsync(id, CancellationToken.None))
            .OrderByDescending(c => c.Score).ThenBy(c => c.Smiles, StringComparer.Ordinal).Select(c => (c.Smiles, Math.Round(c.Score, 12))).ToList();

    /// <summary>The silo the campaign's agent grain is active on, from Orleans' management grain.</summary>
    private static async Task<string?> AgentSiloAsync(Microsoft.Extensions.Hosting.IHost silo, string id)
    {
        var stats = await silo.Grains().GetGrain<Orleans.Runtime.IManagementGrain>(0).GetDetailedGrainStatistics();
        return stats.FirstOrDefault(s => s.GrainId.Key.ToString() == $"gpu/{id}")?.SiloAddress.ToParsableString();
    }

    /// <summary>The agent (sampling and update) runs on the gpu silo, not on the cpu silo beside it; when that gpu
    /// silo is stopped mid-campaign the agent continues on another gpu silo from its checkpoint.</summary>
    [Fact]
    public async Task Reinvent_agent_runs_on_a_gpu_silo_and_moves_to_another_from_its_checkpoint()
    {
        await using var db = await PostgresScratch.CreateAsync("molgrid_reinvent_agent");
        var store = StoreAddress.Parse(db.Url);
        var grid = new GridStore(store);
        var cpu = await OrleansSilos.StartAsync(store, "agent", ["cpu"]);
        var steps = new AgentStepCounter();
        Microsoft.Extensions.Hosting.IHost? gpuA = await OrleansSilos.StartAsync(store, "agent", ["gpu"], extra: s => s.AddIncomingGrainCallFilter(steps));
        Microsoft.Extensions.Hosting.IHost? gpuB = null;
        try
        {
            var id = (await cpu.Services.GetRequiredService<OrleansCampaigns>().SubmitAsync(new CampaignSubmission(Spec, "erin"), CancellationToken.None)).Id;
            await CampaignWaits.RowAsync(grid, id, TimeSpan.FromMinutes(2), r => r.Round >= 1);
            var gpuAddress = gpuA!.Services.GetRequiredService<Orleans.Runtime.ILocalSiloDetails>().SiloAddress.ToParsableString();
            Assert.Equal(gpuAddress, await AgentSiloAsync(cpu, id));

            gpuB = await OrleansSilos.StartAsync(store, "agent", ["gpu"], extra: s => s.AddIncomingGrainCallFilter(steps));
            await gpuA.StopQuietlyAsync();
            gpuA = null;
            var done = await CampaignWaits.RowAsync(grid, id, TimeSpan.FromMinutes(3), r => r.Status is not ("Running" or "Queued"));
            Assert.True(done.Status == "Completed", done.Error);
            // The design state, with its history, goes to the agent only on its first step and when the agent moved
            // (the new activation asks for it, or the campaign resends after a failed call), not on every step.
            Assert.InRange(steps.WithState, 1, 4);
            Assert.True(steps.WithoutState > steps.WithState, $"{steps.WithoutState} steps without the state, {steps.WithState} with it");
            Assert.Equal(await InProcessRankingAsync(), await GridRankingAsync(grid, id));
        }
        finally
        {
            if (gpuB is not null) await gpuB.StopQuietlyAsync();
            if (gpuA is not null) await gpuA.StopQuietlyAsync();
            await cpu.StopQuietlyAsync();
        }
    }

    [Fact]
    public async Task Reinvent_campaign_continues_on_another_silo_from_its_agent_checkpoint_and_ranks_as_in_process()
    {
        await using var db = await PostgresScratch.CreateAsync("molgrid_reinvent_handoff");
        var store = StoreAddress.Parse(db.Url);
        var grid = new GridStore(store);
        string id;
        int stoppedAt;
        var first = await OrleansSilos.StartAsync(store, "reinvent", ["cpu", "gpu"]);
        try
        {
            id = (await first.Services.GetRequiredService<OrleansCampaigns>().SubmitAsync(new CampaignSubmission(Spec, "erin"), CancellationToken.None)).Id;
            await CampaignWaits.GrainAsync(first, id, TimeSpan.FromMinutes(2), s => s.Round >= 2);
        }
        finally
        {
            await first.StopQuietlyAsync();
        }
        var stopped = (await grid.GetCampaignAsync(id, CancellationToken.None))!;
        stoppedAt = stopped.Round;
        Assert.Equal("Running", stopped.Status);
        Assert.NotNull(await grid.GetCheckpointAsync(id, stoppedAt, CancellationToken.None));

        var second = await OrleansSilos.StartAsync(store, "reinvent", ["cpu", "gpu"]);
        try
        {
            var row = await CampaignWaits.RowAsync(grid, id, TimeSpan.FromMinutes(3), r => r.Status is not ("Running" or "Queued"), pollMs: 200);
            Assert.True(row.Status == "Completed", row.Error);
            Assert.True(row.Round > stoppedAt, "the second silo did not run a round");
        }
        finally
        {
            await second.StopQuietlyAsync();
        }

        Assert.Equal(await InProcessRankingAsync(), await GridRankingAsync(grid, id));
    }

    /// <summary>Counts the agent steps a silo receives with and without the design state.</summary>
    private sealed class AgentStepCounter : Orleans.IIncomingGrainCallFilter
    {
        private int _with, _without;
        public int WithState => Volatile.Read(ref _with);
        public int WithoutState => Volatile.Read(ref _without);

        public async Task Invoke(Orleans.IIncomingGrainCallContext context)
        {
            if (context.Request.GetArgumentCount() > 0 && context.Request.GetArgument(0) is AgentStep step)
                Interlocked.Increment(ref step.StateJson is null ? ref _without : ref _with);
            await context.Invoke();
        }
    }
}
