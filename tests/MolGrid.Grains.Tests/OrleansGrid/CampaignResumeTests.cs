using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MolGrid.Grains.Campaigns;
using MolGrid.Grains.Configuration;
using MolGrid.Grains.Contracts;
using MolGrid.Grains.Orchestration;
using MolGrid.Grains.Planning;
using MolGrid.Grains.Store;
using MolGrid.Pipelines.Design;
using MolGrid.Pipelines.Design.Generators;
using MolGrid.Pipelines.Scoring;

namespace MolGrid.Grains.Tests;

/// <summary>
/// A campaign's round commit stores a small checkpoint, not its whole history; the history is its candidate rows
/// in the order first scored. A real Graph GA campaign interrupted after round k (the embedded silo stopped) and
/// resumed by a new silo must rank exactly as the design engine's uninterrupted in-process run, and so must one
/// whose stored state is a legacy whole design state (written before checkpoints).
/// </summary>
[Collection("cluster")]
public sealed class CampaignResumeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("molgrid-resume-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, true);
    }

    // Many short rounds, so that a stop after round 2 leaves most of the campaign to the next silo.
    private const string Spec = """
        name: resume-test
        seed: 5
        budget: 330
        generator:
          type: graph_ga
          population_size: 20
          offspring_size: 15
          start_file: chembl_like_10k.smi
          start_size: 30
        scoring:
          aggregation: geometric
          components:
            - {type: qed, name: qed, weight: 2}
            - {type: descriptor, name: tpsa, params: {descriptor: tpsa}, transform: {type: double_sigmoid, low: 40, high: 120, coef_div: 120, coef_si: 10, coef_se: 10}}
        """;

    private static string Samples
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MolGrid.sln"))) dir = dir.Parent;
            return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("no MolGrid.sln above the test binaries"), "samples", "design");
        }
    }

    private async Task<IHost> StartAsync()
    {
        var host = new HostBuilder()
            .ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning).AddConsole())
            .ConfigureServices(s => s.AddSingleton(new DesignPlanOptions { SpecDirectory = Samples, BatchSize = 8 }))
            .UseOrleans(silo => silo.AddMolGridOrleansEmbedded(_dir, slots: 2))
            .Build();
        await host.StartAsync();
        return host;
    }

    private static async Task<IReadOnlyList<MoleculeScore>> ReferenceAsync()
    {
        var spec = DesignSpec.Parse(Spec, "test");
        var loop = DesignEngine.CreateLoop(spec, new DesignLoopOptions(), StartPopulation.Candidates(spec.Generator, Samples));
        return CandidateRanking.Rank(await DesignRunner.RunAsync(loop, new InProcessBatchScorer(ScoringFunction.Create(spec, ComponentRegistry.Default))));
    }

    /// <summary>Runs the campaign until round 2 is recorded, stops the silo (a graceful stop ends the loop at a round
    /// boundary), lets <paramref name="meddle"/> change the store, then resumes it on a new silo to the end.</summary>
    private async Task<(string Id, int StoppedAt, GridStore Grid)> InterruptAndResumeAsync(Func<GridStore, string, Task> meddle)
    {
        var silo = await StartAsync();
        string id;
        try
        {
            id = (await silo.Services.GetRequiredService<OrleansCampaigns>().SubmitAsync(new CampaignSubmission(Spec, "rita"), CancellationToken.None)).Id;
            await CampaignWaits.GrainAsync(silo, id, TimeSpan.FromMinutes(3), s => s.Round >= 2, pollMs: 50);
        }
        finally
        {
            await silo.StopQuietlyAsync();
        }
        var grid = new GridStore(StoreAddress.Sqlite(Path.Combine(_dir, "grid.db")));
        var stopped = (await grid.GetCampaignAsync(id, CancellationToken.None))!;
        Assert.True(stopped.Status == nameof(CampaignStatus.Running) && stopped.OracleCalls < 300, $"{stopped.Status} at {stopped.OracleCalls} calls before the restart; the test proves nothing");
        await meddle(grid, id);

        silo = await StartAsync();
        try
        {
            var done = await CampaignWaits.GrainAsync(silo, id, TimeSpan.FromMinutes(3), s => s.Status is not (CampaignStatus.Queued or CampaignStatus.Running), pollMs: 50);
            Assert.Equal(CampaignStatus.Completed, done.Status);
        }
        finally
        {
            await silo.StopQuietlyAsync();
        }
        return (id, stopped.Round, grid);
    }

    private static async Task AssertRanksAsTheReferenceAsync(GridStore grid, string id, IReadOnlyList<MoleculeScore> reference)
    {
        var ranked = Services.CampaignService.Rank(await grid.GetCandidatesAsync(id, CancellationToken.None));
        Assert.Equal(reference.Select(r => r.Smiles), ranked.Select(c => c.Smiles));
        Assert.Equal(reference.Select(r => r.Total), ranked.Select(c => c.Score));
        var rounds = (await grid.GetRoundsAsync(id, CancellationToken.None)).Select(r => r.Round).ToList();
        Assert.Equal(Enumerable.Range(1, rounds.Count), rounds); // each round recorded once
    }

    [Fact]
    public async Task A_campaign_interrupted_after_round_k_ranks_as_an_uninterrupted_run_and_stores_no_history_in_its_state()
    {
        var reference = await ReferenceAsync();
        string? checkpoint = null;
        var (id, stoppedAt, grid) = await InterruptAndResumeAsync(async (g, cid) => checkpoint = (await g.GetCampaignAsync(cid, CancellationToken.None))!.StateJson);

        Assert.True(stoppedAt >= 2);
        Assert.NotNull(checkpoint);
        Assert.False(DesignCheckpoint.IsLegacy(checkpoint), "the round commit stored the whole design state");
        Assert.DoesNotContain("\"Scored\"", checkpoint);
        await AssertRanksAsTheReferenceAsync(grid, id, reference);
        // The history is the candidates in the order first scored, one number each, without gaps.
        var history = await grid.GetScoredHistoryAsync(id, CancellationToken.None);
        Assert.Equal(Enumerable.Range(0, history.Count).Select(i => (long?)i), history.Select(h => h.Seq));
        Assert.Equal(reference.Count, history.Count);
    }

    [Fact]
    public async Task A_campaign_whose_state_is_a_legacy_whole_design_state_resumes_to_the_same_ranking()
    {
        var reference = await ReferenceAsync();
        var (id, _, grid) = await InterruptAndResumeAsync(async (g, cid) =>
        {
            // What the store held before checkpoints: the whole state in state_json, candidates without an order.
            var row = (await g.GetCampaignAsync(cid, CancellationToken.None))!;
            var whole = await DesignCheckpoint.Resume(row.StateJson!, async () =>
                (await g.GetScoredHistoryAsync(cid, CancellationToken.None)).Select(DesignCheckpoint.ScoreOf).ToList());
            var legacy = JsonSerializer.Serialize(whole, new JsonSerializerOptions { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals });
            Assert.True(DesignCheckpoint.IsLegacy(legacy));
            await using var conn = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_dir, "grid.db")}");
            await conn.ExecuteAsync("UPDATE campaigns SET state_json = @legacy WHERE id = @cid", new { legacy, cid });
            await conn.ExecuteAsync("UPDATE candidates SET seq = NULL WHERE campaign_id = @cid", new { cid });
        });
        await AssertRanksAsTheReferenceAsync(grid, id, reference);
        var history = await grid.GetScoredHistoryAsync(id, CancellationToken.None);
        Assert.All(history, h => Assert.NotNull(h.Seq)); // backfilled from the legacy history, then numbered on
        Assert.Equal(Enumerable.Range(0, history.Count).Select(i => (long?)i), history.Select(h => h.Seq));
    }
}
