using System.Collections.Concurrent;

namespace MolGrid.Pipelines.Qsar;

/// <summary>
/// Trains a model straight from a data set (for scoring components configured with a data file rather than
/// a saved model). Training is deterministic, so the result is memoised per process by (file content, kind,
/// seed, subset size, columns); the returned version string names exactly that.
/// </summary>
public static class QsarModelTraining
{
    private static readonly ConcurrentDictionary<string, Lazy<IQsarModel>> Trained = new(StringComparer.Ordinal);

    public static (IQsarModel Model, string Version) FromData(string dataPath, string smilesColumn, string? activityColumn, string kind, int seed, int maxTrainingPoints)
    {
        if (!File.Exists(dataPath)) throw new QsarDataException(dataPath, "file not found");
        var version = $"{kind}-v{QsarModelFile.Version}-data-{QsarModelFile.Hash(dataPath)}-seed{seed}" + (kind == "gp" ? $"-max{maxTrainingPoints}" : "");
        var key = $"{version}|{smilesColumn}|{activityColumn}";
        var lazy = Trained.GetOrAdd(key, _ => new Lazy<IQsarModel>(() =>
        {
            var data = QsarDataSet.Load(dataPath, smilesColumn, activityColumn);
            var options = new QsarTrainingOptions { Seed = seed, Gp = new GaussianProcessOptions { MaxTrainingPoints = maxTrainingPoints } };
            return QsarTrainer.Train(QsarTrainer.ValidKind(kind, "model"), data.Records, data.Records.Select(r => r.Activity).ToArray(), options).Model;
        }));
        try
        {
            return (lazy.Value, version);
        }
        catch
        {
            Trained.TryRemove(key, out _);
            throw;
        }
    }
}
