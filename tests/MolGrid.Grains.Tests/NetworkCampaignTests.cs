using Microsoft.Extensions.DependencyInjection;
using MolGrid.Grains.Planning;
using MolGrid.Pipelines.Design;
using MolGrid.Pipelines.Design.Generators;
using MolGrid.Pipelines.Qsar;
using MolGrid.Pipelines.Qsar.Dmpnn;
using MolGrid.Pipelines.Scoring;

namespace MolGrid.Grains.Tests;

/// <summary>A campaign scored by a saved D-MPNN (a gpu-capability component, run by the embedded grid's silo)
/// ranks exactly as the in-process runner ranks it with the same model file.</summary>
[Collection("cluster")]
public sealed class NetworkCampaignTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("molgrid-network-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public async Task GridRanksADmpnnScoredCampaignAsTheInProcessRunnerDoes()
    {
        var root = MolGrid.Harness.Scratch.MolgridChild.RepoRoot;
        var data = QsarDataSet.Load(Path.Combine(root, "samples", "targets", "bzr_activity.csv"));
        var (model, _) = QsarTrainer.Train("dmpnn", data.Records, data.Records.Select(r => r.Activity).ToArray(),
            new QsarTrainingOptions { Seed = 1, Dmpnn = new DmpnnOptions { Hidden = 32, FfnHidden = 32, Epochs = 3, EnsembleSize = 2, Device = "cpu" } });
        var modelPath = Path.Combine(_dir, "bzr.mgm");
        QsarModelFile.Save(model, modelPath);
        ((IDisposable)model).Dispose();
        var spec = $$$"""
            name: network-scored
            seed: 5
            budget: 60
            generator: {type: graph_ga, population_size: 15, offspring_size: 20, start_file: chembl_like_10k.smi, start_size: 20}
            scoring:
              aggregation: arithmetic
              components:
                - {type: qed, name: qed}
                - {type: qsar, name: bzr, params: {model: dmpnn, file: "{{{modelPath}}}", device: cpu}, transform: {type: sigmoid, low: 5, high: 8, k: 0.5}}
            """;

        var samples = Path.Combine(root, "samples", "design");
        using var host = await GridHosts.StartAsync(s =>
        {
            s.AddSingleton(new DesignPlanOptions { SpecDirectory = samples, DataRoots = [samples, _dir], BatchSize = 6 });
            s.AddMolGridEmbedded(Path.Combine(_dir, "grid"), o => o.Slots = 2);
        });
        var campaigns = host.Services.GetRequiredService<ICampaignService>();
        var id = (await campaigns.SubmitAsync(new CampaignSubmission(spec, "chemist"), CancellationToken.None)).Id;
        var done = await GridHosts.WaitForAsync(campaigns, id, TimeSpan.FromMinutes(3));
        Assert.True(done.Status == CampaignStatus.Completed, done.Error);
        var grid = await campaigns.QueryCandidatesAsync(id, new CandidateQuery(PageSize: 1000), CancellationToken.None);

        var parsed = DesignSpec.Parse(spec, "test");
        var registry = ComponentRegistry.Default;
        var loop = DesignEngine.CreateLoop(parsed, new DesignLoopOptions(), StartPopulation.Candidates(parsed.Generator, samples));
        var state = await DesignRunner.RunAsync(loop, new InProcessBatchScorer(ScoringFunction.Create(parsed, registry)));
        var reference = CandidateRanking.Rank(state);

        Assert.Equal(reference.Select(r => r.Smiles), grid.Items.Select(c => c.Smiles));
        Assert.Equal(reference.Select(r => r.Total), grid.Items.Select(c => c.Score));
        Assert.All(grid.Items, c => Assert.InRange(c.Components["bzr.raw"], 3, 11));
    }
}
