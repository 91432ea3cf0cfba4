using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace MolGrid.Pipelines.Benchmarks.Pmo;

/// <summary>
/// A folder of finished PMO runs, one JSON file per (generator, task, seed), so that a benchmark too long for one
/// sitting (a reinvent seed is hours of CPU here) accumulates seeds over several invocations and resumes after an
/// interruption. A record is reused only when its fingerprint (every setting that changes a run's outcome,
/// the generator's model file by hash among them) equals the current one; any other record is left out and
/// replaced when that run finishes again.
/// </summary>
public sealed class PmoRunStore
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public PmoRunStore(string directory, string fingerprint)
    {
        Directory = directory;
        Fingerprint = fingerprint;
    }

    public string Directory { get; }

    public string Fingerprint { get; }

    /// <summary>The settings that decide a run's outcome, with the SHA-256 of each input file given (the start
    /// corpus; the prior, for reinvent) and the compute device where it is not the CPU (a GPU's sums differ from a
    /// CPU's; CPU runs keep the fingerprint they had before the device was part of it).</summary>
    public static string FingerprintOf(PmoSettings settings, IEnumerable<string> inputFiles, string? nonCpuDevice = null)
    {
        var parts = new List<string>
        {
            $"generator={settings.Generator}",
            $"budget={settings.Budget}",
            $"population={settings.PopulationSize}",
            $"offspring={settings.OffspringSize}",
            "mutation=" + settings.MutationRate.ToString("R", CultureInfo.InvariantCulture),
            $"patience={settings.Patience}",
            $"isomer={settings.IsomerTotal}",
        };
        foreach (var file in inputFiles)
        {
            using var stream = File.OpenRead(file);
            parts.Add($"{Path.GetFileName(file)}={Convert.ToHexStringLower(SHA256.HashData(stream))}");
        }
        if (nonCpuDevice is not null) parts.Add($"device={nonCpuDevice}");
        return string.Join(';', parts);
    }

    public string PathOf(string generator, string task, int seed) =>
        Path.Combine(Directory, $"{generator}-{task}-seed{seed}.json");

    /// <summary>The stored run of (task, seed) when its fingerprint is this store's; null when there is none, it
    /// was made with other settings, or the file cannot be read as a record (a torn write is redone, not fatal).</summary>
    public PmoRun? Find(string generator, string task, int seed)
    {
        var path = PathOf(generator, task, seed);
        if (!File.Exists(path)) return null;
        PmoRunRecord? record;
        try { record = JsonSerializer.Deserialize<PmoRunRecord>(File.ReadAllText(path), Json); }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException) { return null; }
        if (record is null || record.Fingerprint != Fingerprint || record.Task != task || record.Seed != seed) return null;
        return new PmoRun(record.Task, record.Seed, record.AucTop10, record.Top10, record.OracleCalls, TimeSpan.FromSeconds(record.WallSeconds));
    }

    /// <summary>Writes the run's record (to a temporary file, then renamed over the old one, so a kill mid-write
    /// leaves the previous record or none).</summary>
    public void Save(string generator, PmoRun run, int parallelRuns)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var record = new PmoRunRecord(run.Task, run.Seed, run.AucTop10, run.Top10, run.OracleCalls, run.Wall.TotalSeconds,
            Fingerprint, DateTimeOffset.UtcNow, parallelRuns, Environment.ProcessorCount);
        var path = PathOf(generator, run.Task, run.Seed);
        var temp = $"{path}.{Environment.ProcessId}.{Environment.CurrentManagedThreadId}.tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(record, Json));
        File.Move(temp, path, overwrite: true);
    }
}

/// <summary>A finished run as stored: the outcome, the fingerprint it was made under, when it finished and how
/// loaded the machine was meant to be (runs in parallel, cores), since its wall time depends on both.</summary>
public sealed record PmoRunRecord(
    string Task, int Seed, double AucTop10, double Top10, int OracleCalls, double WallSeconds,
    string Fingerprint, DateTimeOffset FinishedUtc, int ParallelRuns, int Cores);
