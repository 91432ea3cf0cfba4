using MolGrid.Pipelines.Design;
using MolGrid.Pipelines.Qsar;
using MolGrid.Pipelines.Scoring;

namespace MolGrid.Pipelines.Tests.Targets;

/// <summary>The "qsar" component type: any model kind, from a saved file or trained from data on first use.</summary>
public sealed class QsarComponentTests
{
    private static readonly string Bzr = RepoFiles.Sample("targets", "bzr_activity.csv");

    private static IScoringComponent Create(Dictionary<string, object> p) =>
        ComponentRegistry.Default.Create(ComponentConfig.Create("qsar", "bzr", parameters: p));

    [Fact]
    public async Task A_saved_dmpnn_scores_molecules_and_fails_only_the_unparsable_one()
    {
        var data = QsarDataSet.Load(Bzr);
        var (model, _) = QsarTrainer.Train("dmpnn", data.Records, data.Records.Select(r => r.Activity).ToArray(),
            new QsarTrainingOptions { Dmpnn = new MolGrid.Pipelines.Qsar.Dmpnn.DmpnnOptions { Hidden = 32, FfnHidden = 32, Epochs = 2, EnsembleSize = 1, Device = "cpu" } });
        var path = Path.Combine(Path.GetTempPath(), $"molgrid-qsar-{Guid.NewGuid():N}.mgm");
        try
        {
            QsarModelFile.Save(model, path);
            var c = Create(new() { ["model"] = "dmpnn", ["file"] = path });
            Assert.Equal(Capabilities.Gpu, c.Capability);
            Assert.StartsWith("dmpnn-v1-", c.Version);
            Assert.Equal(Capabilities.Cpu, Create(new() { ["model"] = "dmpnn", ["file"] = path, ["capability"] = "cpu" }).Capability);
            var molecules = new[] { new ScoringMolecule("a", "CN1C(=O)CN=C(c2ccccc2)c2cc(Cl)ccc21"), new ScoringMolecule("b", "C1CC"), new ScoringMolecule("c", "CCO") };
            var results = await c.ComputeAsync(molecules, CancellationToken.None);
            Assert.True(!results[0].Failed && !results[2].Failed && results[1].Failed);
            var direct = model.Predict([QsarInput.From(molecules[0].Molecule)])[0].Mean;
            Assert.Equal(direct, results[0].Value, 9);
            Assert.Contains("'dmpnn' model, but the component wants 'gbm'",
                Assert.Throws<SpecException>(() => Create(new() { ["model"] = "gbm", ["file"] = path })).Message);
        }
        finally
        {
            File.Delete(path);
            ((IDisposable)model).Dispose();
        }
    }

    [Fact]
    public void A_gbm_trained_from_data_is_trained_once_per_process()
    {
        var a = (QsarScoringComponent)Create(new() { ["model"] = "gbm", ["data"] = Bzr, ["seed"] = 4 });
        var b = (QsarScoringComponent)Create(new() { ["model"] = "gbm", ["data"] = Bzr, ["seed"] = 4 });
        Assert.Same(a.Model, b.Model);
        Assert.Equal(a.Version, b.Version);
        Assert.Equal(Capabilities.Cpu, a.Capability);
        Assert.NotEqual(a.Version, ((QsarScoringComponent)Create(new() { ["model"] = "gbm", ["data"] = Bzr, ["seed"] = 5 })).Version);
    }

    [Fact]
    public void Bad_parameters_are_spec_errors_naming_the_key()
    {
        Assert.EndsWith(".model", Assert.Throws<SpecException>(() => Create(new() { ["data"] = Bzr })).Input);
        Assert.Contains("'svm' is not one of", Assert.Throws<SpecException>(() => Create(new() { ["model"] = "svm", ["data"] = Bzr })).Message);
        Assert.Contains("'tpu' is not one of", Assert.Throws<SpecException>(() => Create(new() { ["model"] = "gbm", ["data"] = Bzr, ["device"] = "tpu" })).Message);
        Assert.Contains("not found", Assert.Throws<SpecException>(() => Create(new() { ["model"] = "dmpnn", ["file"] = "/nonexistent.mgm" })).Message);
        Assert.Contains("either", Assert.Throws<SpecException>(() => Create(new() { ["model"] = "gbm", ["data"] = Bzr, ["file"] = Bzr })).Message);
    }
}
