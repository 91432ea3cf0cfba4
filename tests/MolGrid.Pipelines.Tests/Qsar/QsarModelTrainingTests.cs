using MolGrid.Molecules;
using MolGrid.Pipelines.Qsar;

namespace MolGrid.Pipelines.Tests.Qsar;

/// <summary>Data-trained models with a shared cache: trained once per version, every process loading the file.</summary>
public sealed class QsarModelTrainingTests : IDisposable
{
    private readonly string _cache = Directory.CreateTempSubdirectory("molgrid-model-cache-").FullName;
    private static readonly string Bzr = RepoFiles.Sample("targets", "bzr_activity.csv");

    public void Dispose() => Directory.Delete(_cache, true);

    private static double Predict(IQsarModel m, string smiles)
    {
        using var mol = MoleculeParser.ParseSmiles(smiles);
        return m.Predict([QsarInput.From(mol)])[0].Mean;
    }

    [Fact]
    public void The_first_trainer_publishes_the_model_and_later_processes_load_its_weights_instead_of_training()
    {
        var (model, version) = QsarModelTraining.FromData(Bzr, "smiles", null, "gbm", 21, 2000, _cache);
        var file = Assert.Single(Directory.GetFiles(_cache));
        Assert.Equal(QsarModelTraining.CachePath(_cache, $"{version}|smiles|"), file);
        Assert.Equal(Predict(QsarModelFile.Load(file), "CN1C(=O)CN=C(c2ccccc2)c2cc(Cl)ccc21"), Predict(model, "CN1C(=O)CN=C(c2ccccc2)c2cc(Cl)ccc21"));

        // Another process finding a published file loads it rather than training: plant a model trained with
        // another seed where seed 22's file would go, and seed 22 scores with the planted weights.
        var (planted, _) = QsarModelTraining.FromData(Bzr, "smiles", null, "gbm", 23, 2000);
        var (own22, version22) = QsarModelTraining.FromData(Bzr, "smiles", null, "gbm", 22, 2000);
        Assert.NotEqual(Predict(own22, "c1ccccc1Cl"), Predict(planted, "c1ccccc1Cl"));
        QsarModelFile.Save(planted, QsarModelTraining.CachePath(_cache, $"{version22}|smiles|"));
        var (loaded, _) = QsarModelTraining.FromData(Bzr, "smiles", null, "gbm", 22, 2000, _cache);
        Assert.Equal(Predict(planted, "c1ccccc1Cl"), Predict(loaded, "c1ccccc1Cl"));
        Assert.Equal(2, Directory.GetFiles(_cache).Length);
    }
}
