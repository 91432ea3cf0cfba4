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
            var grain = first.Grains().GetGrain<ICampaignGrain>(id);
            var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
            while ((await grain.StatusAsync()).Round < 2)
            {
                if (DateTime.UtcNow > deadline) throw new TimeoutException("the reinvent campaign never reached round 2");
                await Task.Delay(100);
            }
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
            var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
            CampaignRow row;
            while ((row = (await grid.GetCampaignAsync(id, CancellationToken.None))!).Status is "Running" or "Queued")
            {
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"the campaign is still {row.Status} at round {row.Round}");
                await Task.Delay(200);
            }
            Assert.True(row.Status == "Completed", row.Error);
            Assert.True(row.Round > stoppedAt, "the second silo did not run a round");
        }
        finally
        {
            await second.StopQuietlyAsync();
        }

        var parsed = DesignSpec.Parse(Spec, "test");
        var loop = DesignEngine.CreateLoop(parsed, new DesignLoopOptions());
        DesignState reference;
        try { reference = await DesignRunner.RunAsync(loop, new InProcessBatchScorer(ScoringFunction.Create(parsed, ComponentRegistry.Default))); }
        finally { (loop as IDisposable)?.Dispose(); }
        var expected = CandidateRanking.Rank(reference).Select(c => (c.Smiles, Math.Round(c.Total, 12))).ToList();
        var actual = (await grid.GetCandidatesAsync(id, CancellationToken.None))
            .OrderByDescending(c => c.Score).ThenBy(c => c.Smiles, StringComparer.Ordinal).Select(c => (c.Smiles, Math.Round(c.Score, 12))).ToList();
        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(expected.OrderByDescending(e => e.Item2).ThenBy(e => e.Smiles, StringComparer.Ordinal), actual);
    }
}
