using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace MolGrid.Pipelines.Qsar;

/// <summary>
/// Trains a model straight from a data set (for scoring components configured with a data file rather than
/// a saved model). The result is memoised per process by (file content, kind, seed, subset size, columns); the
/// returned version string names exactly that.
/// <para>
/// Across processes, a model cache directory (<c>$MOLGRID_MODEL_CACHE</c>, shared by a cluster's silos) makes the
/// model trained once per version: the first process to train it writes it there and every process, that one
/// included, scores with the file's weights. Without it each process trains its own copy, identical only where
/// the arithmetic is (networks and the MLP sum in SIMD, so CPU kinds can differ in the last bits).
/// </para>
/// </summary>
public static class QsarModelTraining
{
    private static readonly ConcurrentDictionary<string, Lazy<IQsarModel>> Trained = new(StringComparer.Ordinal);

    /// <summary>$MOLGRID_MODEL_CACHE, or null (no cross-process cache).</summary>
    public static string? DefaultCacheDirectory =>
        Environment.GetEnvironmentVariable("MOLGRID_MODEL_CACHE") is { Length: > 0 } d ? d : null;

    public static (IQsarModel Model, string Version) FromData(string dataPath, string smilesColumn, string? activityColumn, string kind, int seed, int maxTrainingPoints,
        string? cacheDirectory = null)
    {
        if (!File.Exists(dataPath)) throw new QsarDataException(dataPath, "file not found");
        var version = $"{kind}-v{QsarModelFile.Version}-data-{QsarModelFile.Hash(dataPath)}-seed{seed}" + (kind == "gp" ? $"-max{maxTrainingPoints}" : "");
        var key = $"{version}|{smilesColumn}|{activityColumn}";
        var lazy = Trained.GetOrAdd(key + "|" + cacheDirectory, _ => new Lazy<IQsarModel>(() =>
        {
            IQsarModel Train()
            {
                var data = QsarDataSet.Load(dataPath, smilesColumn, activityColumn);
                var options = new QsarTrainingOptions { Seed = seed, Gp = new GaussianProcessOptions { MaxTrainingPoints = maxTrainingPoints } };
                return QsarTrainer.Train(QsarTrainer.ValidKind(kind, "model"), data.Records, data.Records.Select(r => r.Activity).ToArray(), options).Model;
            }
            return cacheDirectory is null ? Train() : TrainOnce(CachePath(cacheDirectory, key), Train);
        }));
        try
        {
            return (lazy.Value, version);
        }
        catch
        {
            Trained.TryRemove(key + "|" + cacheDirectory, out _);
            throw;
        }
    }

    /// <summary>The cache file of one model version (the SHA-256 of its key).</summary>
    internal static string CachePath(string cacheDirectory, string key) =>
        Path.Combine(cacheDirectory, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..32] + ".model");

    // The file is published with a no-overwrite rename, so of several processes training at once exactly one
    // wins and all load the winner's weights.
    private static IQsarModel TrainOnce(string path, Func<IQsarModel> train)
    {
        if (File.Exists(path)) return QsarModelFile.Load(path);
        var model = train();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var mine = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.part";
        QsarModelFile.Save(model, mine);
        (model as IDisposable)?.Dispose();
        try { File.Move(mine, path, overwrite: false); }
        catch (IOException) when (File.Exists(path)) { File.Delete(mine); }
        return QsarModelFile.Load(path);
    }
}
