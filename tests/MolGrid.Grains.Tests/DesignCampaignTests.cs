using MolGrid.Grains.Planning;
using MolGrid.Pipelines.Design;
using MolGrid.Pipelines.Design.Generators;
using MolGrid.Pipelines.Scoring;
using Microsoft.Extensions.DependencyInjection;

namespace MolGrid.Grains.Tests;

/// <summary>A real design spec (the design engine's Graph GA, QED/SA/TPSA components) run through the grid
/// must rank exactly as the design engine's own in-process runner ranks it.</summary>
public sealed class DesignCampaignTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("molgrid-design-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private const string Spec = """
        name: grid-design-test
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

    [Fact]
    public async Task GridRanksADesignCampaignAsTheInProcessRunnerDoes()
    {
        var samples = Path.Combine(MolGrid.Silo.Scratch.MolgridChild.RepoRoot, "samples", "design");
        using var host = await GridHosts.StartAsync(s =>
        {
            s.AddSingleton(new DesignPlanOptions { SpecDirectory = samples, BatchSize = 7 });
            s.AddMolGridEmbedded(_dir, o => o.Slots = 2);
        });
        var campaigns = host.Services.GetRequiredService<ICampaignService>();
        var id = (await campaigns.SubmitAsync(new CampaignSubmission(Spec, "chemist"), CancellationToken.None)).Id;
        var done = await GridHosts.WaitForAsync(campaigns, id, TimeSpan.FromMinutes(3));
        Assert.True(done.Status == CampaignStatus.Completed, done.Error);
        var grid = await campaigns.QueryCandidatesAsync(id, new CandidateQuery(PageSize: 1000), CancellationToken.None);

        var spec = DesignSpec.Parse(Spec, "test");
        var loop = DesignEngine.CreateLoop(spec, new DesignLoopOptions(), StartPopulation.Candidates(spec.Generator, samples));
        var state = await DesignRunner.RunAsync(loop, new InProcessBatchScorer(ScoringFunction.Create(spec, ComponentRegistry.Default)));
        var reference = CandidateRanking.Rank(state);

        Assert.Equal(reference.Count, grid.Total);
        Assert.Equal(reference.Select(r => r.Smiles), grid.Items.Select(c => c.Smiles));
        Assert.Equal(reference.Select(r => r.Total), grid.Items.Select(c => c.Score));
        Assert.Equal(done.OracleCalls, state.OracleCalls);
        // Descriptors recorded for filtering: TPSA agrees with the component's raw value.
        var top = grid.Items[0];
        Assert.Equal(top.Components["tpsa.raw"], top.Descriptors["tpsa"], 9);
    }

    [Fact]
    public async Task BadSpecIsRejectedNamingTheKeyAndNothingIsStored()
    {
        using var host = await GridHosts.StartAsync(s => s.AddMolGridEmbedded(_dir, o => o.Slots = 1));
        var campaigns = host.Services.GetRequiredService<ICampaignService>();
        var e = await Assert.ThrowsAnyAsync<InvalidInputException>(() => campaigns.SubmitAsync(new CampaignSubmission(Spec.Replace("budget: 90", "budget: -4"), "chemist"), CancellationToken.None));
        Assert.Contains("budget", e.Message);
        Assert.Empty(await campaigns.ListAsync(null, CancellationToken.None));
    }
}
