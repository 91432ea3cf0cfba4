using MolGrid.Pipelines.Qsar;
using MolGrid.Pipelines.Qsar.Dmpnn;

namespace MolGrid.Server.Tests;

/// <summary>Small real models, trained on the shipped benzodiazepine-receptor set, for the models API and the
/// dashboard's explanation panel.</summary>
internal static class TestModels
{
    private static readonly Lock Gate = new();

    public static string BzrData => Path.Combine(ServerHost.RepoRoot, "samples", "targets", "bzr_activity.csv");

    /// <summary>Writes bzr_dmpnn.mgm and bzr_gbm.json into the directory (once per directory).</summary>
    public static string WriteInto(string directory)
    {
        lock (Gate)
        {
            Directory.CreateDirectory(directory);
            if (File.Exists(Path.Combine(directory, "bzr_gbm.json"))) return directory;
            var data = QsarDataSet.Load(BzrData);
            var y = data.Records.Select(r => r.Activity).ToArray();
            var options = new QsarTrainingOptions
            {
                Seed = 3,
                Gbm = new GradientBoostingOptions { Trees = 60 },
                Dmpnn = new DmpnnOptions { Hidden = 64, FfnHidden = 64, Epochs = 25, EnsembleSize = 2, Device = "cpu" },
            };
            var (dmpnn, _) = QsarTrainer.Train("dmpnn", data.Records, y, options);
            QsarModelFile.Save(dmpnn, Path.Combine(directory, "bzr_dmpnn.mgm"), "bzr_activity.csv");
            ((IDisposable)dmpnn).Dispose();
            var (gbm, _) = QsarTrainer.Train("gbm", data.Records, y, options);
            QsarModelFile.Save(gbm, Path.Combine(directory, "bzr_gbm.json"), "bzr_activity.csv");
            return directory;
        }
    }
}
