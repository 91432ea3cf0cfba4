using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MolGrid.Molecules;

namespace MolGrid.Cli.Bench;

/// <summary>Settings of <see cref="ChemBenchmark"/>.</summary>
public sealed class ChemBenchmarkOptions
{
    public required string InputPath { get; init; }

    /// <summary>The RDKit-Python side (molecules/bench/rdkit_chem_bench.py).</summary>
    public required string PythonScript { get; init; }

    /// <summary>Debian's python3 with python3-rdkit (not the pyenv python3 first on PATH).</summary>
    public string Python { get; init; } = "/usr/bin/python3";

    public int Queries { get; init; } = 100;

    public int K { get; init; } = 10;

    public int WarmUp { get; init; } = 100;

    /// <summary>Alternating rounds per side; each side reports its fastest (the machine is shared).</summary>
    public int Rounds { get; init; } = 3;
}

/// <summary>One side's measurement: seconds of wall time and of process CPU time for the timed loop.</summary>
public sealed record BenchTiming(double WallSeconds, double CpuSeconds, long Items)
{
    public double PerSecond => Items / WallSeconds;
}

public sealed record ChemBenchmarkResult(
    int Molecules,
    BenchTiming MolGridFeaturize,
    BenchTiming RdkitFeaturize,
    BenchTiming MolGridTanimoto,
    BenchTiming RdkitTanimoto,
    int CanonicalMismatches,
    int DescriptorMismatches,
    int FingerprintMismatches,
    int TopKMismatches,
    int Queries,
    int K,
    int Rounds)
{
    public double FeaturizeRatio => MolGridFeaturize.PerSecond / RdkitFeaturize.PerSecond;

    public double TanimotoRatio => MolGridTanimoto.PerSecond / RdkitTanimoto.PerSecond;

    public bool Agree => CanonicalMismatches == 0 && DescriptorMismatches == 0 && FingerprintMismatches == 0 && TopKMismatches == 0;
}

/// <summary>
/// `molgrid bench chem`: featurises the same molecules (parse, canonical SMILES, descriptor set, Morgan r=2
/// 2048 bits) with MolGrid over all cores and with python3-rdkit in one process, checks the outputs agree,
/// then runs the same Tanimoto top-k searches (MolGrid's FingerprintIndex vs DataStructs.BulkTanimotoSimilarity
/// + heapq.nlargest). Both sides time only their loops, after reading the input and a warm-up on the first
/// molecules; process start-up, imports/JIT of the warm-up and writing results are excluded on both sides.
/// Python runs first, then MolGrid, so they never compete for the cores.
/// </summary>
public static class ChemBenchmark
{
    public static ChemBenchmarkResult Run(ChemBenchmarkOptions options, TextWriter? progress = null)
    {
        var smiles = MoleculeFiles.ReadRecords(options.InputPath)
            .Select(r => r.Text ?? throw new MoleculeFileException(options.InputPath, $"{r.Location}: {r.Error}"))
            .ToArray();
        if (smiles.Length < 2) throw new MoleculeFileException(options.InputPath, "needs at least 2 molecules");

        var work = Directory.CreateTempSubdirectory("molgrid-bench-");
        try
        {
            var input = Path.Combine(work.FullName, "input.smi");
            File.WriteAllLines(input, smiles);
            // Rounds alternate the two sides (Python, MolGrid, Python, ...) and each side keeps its fastest
            // round, so a burst of load from other processes hits both sides alike instead of one.
            PythonTimings? py = null;
            BenchTiming? mgFeaturize = null, mgTanimoto = null;
            FeaturizeResult[] features = [];
            IReadOnlyList<SimilarityHit>[] tops = [];
            (int Query, int[] Top)[] queries = [];
            for (var round = 1; round <= Math.Max(1, options.Rounds); round++)
            {
                progress?.WriteLine($"round {round}: RDKit-Python ({options.Python} {Path.GetFileName(options.PythonScript)}, one process), then MolGrid ({Environment.ProcessorCount} cores)");
                var p = RunPython(options, input, work.FullName);
                py = py is null ? p : new PythonTimings(Faster(py.Featurize, p.Featurize), Faster(py.Tanimoto, p.Tanimoto));

                BatchFeaturizer.Featurize(smiles.Take(options.WarmUp).ToArray());
                (features, var f) = Measure(() => BatchFeaturizer.Featurize(smiles), smiles.Length);
                mgFeaturize = mgFeaturize is null ? f : Faster(mgFeaturize, f);

                var bad = features.Select((x, i) => (x, i)).FirstOrDefault(x => !x.x.IsValid);
                if (bad.x.Error is not null)
                    throw new MoleculeFileException(options.InputPath, $"record {bad.i + 1}: '{smiles[bad.i]}': {bad.x.Error}");

                var index = FingerprintIndex.FromFingerprints(
                    smiles.Select((_, i) => i.ToString(CultureInfo.InvariantCulture)).ToArray(), smiles,
                    features.Select(x => x.Features!.Fingerprint).ToArray());
                queries = ReadTopK(Path.Combine(work.FullName, "topk.tsv"));
                index.TopK([index.QueryFingerprint(smiles[0])], options.K);
                var queryFps = queries.Select(q => features[q.Query].Features!.Fingerprint).ToArray();
                (tops, var t) = Measure(() => index.TopK(queryFps, options.K), (long)queries.Length * smiles.Length);
                mgTanimoto = mgTanimoto is null ? t : Faster(mgTanimoto, t);
            }

            var (canonical, descriptors, fingerprints) = Compare(features, Path.Combine(work.FullName, "features.tsv"));
            var topMismatches = queries.Zip(tops).Count(p => !p.First.Top.SequenceEqual(p.Second.Select(h => h.Index)));

            return new ChemBenchmarkResult(smiles.Length, mgFeaturize!, py!.Featurize, mgTanimoto!, py.Tanimoto,
                canonical, descriptors, fingerprints, topMismatches, queries.Length, options.K, Math.Max(1, options.Rounds));
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    public static void Print(ChemBenchmarkResult r, TextWriter o)
    {
        o.WriteLine();
        o.WriteLine($"input: {r.Molecules} molecules; featurize = parse + canonical SMILES + {MolDescriptors.Names.Count} descriptors + Morgan r=2 2048 bits;");
        o.WriteLine($"tanimoto = top-{r.K} of {r.Queries} queries against all {r.Molecules} (comparisons/s). Timed: the loops only (wall clock), after a warm-up;");
        o.WriteLine($"best of {r.Rounds} alternating round(s) per side. Load average when done: {LoadAverage()}.");
        o.WriteLine();
        o.WriteLine($"{"task",-10} {"side",-28} {"wall s",9} {"cpu s",9} {"per second",14} {"ratio",8}");
        Row(o, "featurize", "RDKit-Python (1 process)", r.RdkitFeaturize, null);
        Row(o, "featurize", $"MolGrid ({Environment.ProcessorCount} cores)", r.MolGridFeaturize, r.FeaturizeRatio);
        Row(o, "tanimoto", "RDKit BulkTanimoto+nlargest", r.RdkitTanimoto, null);
        Row(o, "tanimoto", $"MolGrid FingerprintIndex", r.MolGridTanimoto, r.TanimotoRatio);
        o.WriteLine();
        o.WriteLine($"agreement: canonical SMILES {r.Molecules - r.CanonicalMismatches}/{r.Molecules} identical, " +
                    $"descriptors {r.Molecules - r.DescriptorMismatches}/{r.Molecules} within 1e-6, " +
                    $"fingerprints {r.Molecules - r.FingerprintMismatches}/{r.Molecules} identical, " +
                    $"top-{r.K} {r.Queries - r.TopKMismatches}/{r.Queries} identical");
        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"featurize x{r.FeaturizeRatio:F2} tanimoto x{r.TanimotoRatio:F2}"));
    }

    private static string LoadAverage()
    {
        try
        {
            return string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private static void Row(TextWriter o, string task, string side, BenchTiming t, double? ratio) =>
        o.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{task,-10} {side,-28} {t.WallSeconds,9:F3} {t.CpuSeconds,9:F3} {t.PerSecond,14:N0} {(ratio is { } x ? $"x{x:F2}" : ""),8}"));

    private static BenchTiming Faster(BenchTiming a, BenchTiming b) => b.WallSeconds < a.WallSeconds ? b : a;

    private static (T Result, BenchTiming Timing) Measure<T>(Func<T> work, long items)
    {
        var process = Process.GetCurrentProcess();
        var cpu0 = process.TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        var result = work();
        sw.Stop();
        process.Refresh();
        return (result, new BenchTiming(sw.Elapsed.TotalSeconds, (process.TotalProcessorTime - cpu0).TotalSeconds, items));
    }

    private sealed record PythonTimings(BenchTiming Featurize, BenchTiming Tanimoto);

    private static PythonTimings RunPython(ChemBenchmarkOptions options, string input, string outDir)
    {
        if (!File.Exists(options.Python))
            throw new InvalidOperationException($"{options.Python} not found: the baseline needs Debian's python3 with python3-rdkit (scripts/setup.sh)");
        var psi = new ProcessStartInfo(options.Python) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { options.PythonScript, input, outDir, options.Queries.ToString(CultureInfo.InvariantCulture), options.K.ToString(CultureInfo.InvariantCulture) })
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            var hint = stderr.Result.Contains("No module named 'rdkit'") ? " (install python3-rdkit: scripts/setup.sh test)" : "";
            throw new InvalidOperationException($"RDKit-Python baseline failed (exit {p.ExitCode}){hint}: {stderr.Result.Trim()}");
        }
        var json = JsonDocument.Parse(stdout.Result.Trim().Split('\n')[^1]).RootElement;
        var n = json.GetProperty("molecules").GetInt64();
        var fw = json.GetProperty("featurize_seconds").GetDouble();
        var tw = json.GetProperty("tanimoto_seconds").GetDouble();
        return new PythonTimings(
            new BenchTiming(fw, json.TryGetProperty("featurize_cpu_seconds", out var fc) ? fc.GetDouble() : double.NaN, n),
            new BenchTiming(tw, json.TryGetProperty("tanimoto_cpu_seconds", out var tc) ? tc.GetDouble() : double.NaN, json.GetProperty("comparisons").GetInt64()));
    }

    private static (int Canonical, int Descriptors, int Fingerprints) Compare(FeaturizeResult[] features, string pythonFeatures)
    {
        var lines = File.ReadAllLines(pythonFeatures);
        if (lines.Length != features.Length)
            throw new InvalidOperationException($"RDKit-Python wrote {lines.Length} feature rows for {features.Length} molecules");
        int canonical = 0, descriptors = 0, fingerprints = 0;
        var nd = MolDescriptors.Names.Count;
        for (var i = 0; i < lines.Length; i++)
        {
            var f = lines[i].Split('\t');
            var mine = features[i].Features!;
            if (f[0] != mine.CanonicalSmiles) canonical++;
            for (var d = 0; d < nd; d++)
            {
                if (Math.Abs(double.Parse(f[1 + d], CultureInfo.InvariantCulture) - mine.Descriptors[MolDescriptors.Names[d]]) > 1e-6)
                {
                    descriptors++;
                    break;
                }
            }
            var bits = f[1 + nd].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse);
            if (!bits.SequenceEqual(mine.Fingerprint.OnBits())) fingerprints++;
        }
        return (canonical, descriptors, fingerprints);
    }

    private static (int Query, int[] Top)[] ReadTopK(string path) =>
        File.ReadAllLines(path).Select(l => l.Split('\t'))
            .Select(p => (int.Parse(p[0], CultureInfo.InvariantCulture), p[1].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray()))
            .ToArray();
}
