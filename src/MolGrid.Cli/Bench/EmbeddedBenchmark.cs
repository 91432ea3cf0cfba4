using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace MolGrid.Cli.Bench;

public sealed record EmbeddedBenchmarkOptions
{
    public required string SpecPath { get; init; }
    /// <summary>Replaces the spec's budget when set.</summary>
    public int? Budget { get; init; }
    /// <summary>Alternating runs per side; each side reports its fastest.</summary>
    public int Runs { get; init; } = 1;
    /// <summary>The molgrid CLI assembly the children run (this one, by default).</summary>
    public required string CliDll { get; init; }
}

/// <summary>One child process's run: wall time, CPU time and peak resident set.</summary>
public sealed record ChildRun(string Side, int Index, double WallSeconds, double CpuSeconds, long PeakRssBytes, int ExitCode, string LogPath);

public sealed record EmbeddedBenchmarkResult(
    IReadOnlyList<ChildRun> Runs, ChildRun Embedded, ChildRun InProcess, int Compared, int Candidates, string? RankingDifference)
{
    public double WallRatio => Embedded.WallSeconds / InProcess.WallSeconds;
    public double CpuRatio => Embedded.CpuSeconds / InProcess.CpuSeconds;

    /// <summary>Median over the alternating pairs (run i of each side) of embedded / in-process: on a machine whose
    /// load changes, a pair run back to back shares its conditions, where the two fastest runs may not.</summary>
    public (double Wall, double Cpu) MedianPairRatio
    {
        get
        {
            var pairs = Runs.Where(r => r.Side == "embedded").Join(Runs.Where(r => r.Side == "in-process"), e => e.Index, i => i.Index,
                (e, i) => (Wall: e.WallSeconds / i.WallSeconds, Cpu: e.CpuSeconds / i.CpuSeconds)).ToList();
            static double Median(IEnumerable<double> xs)
            {
                var a = xs.Order().ToArray();
                return a.Length % 2 == 1 ? a[a.Length / 2] : (a[a.Length / 2 - 1] + a[a.Length / 2]) / 2;
            }
            return (Median(pairs.Select(p => p.Wall)), Median(pairs.Select(p => p.Cpu)));
        }
    }
}

/// <summary>
/// The same design spec run on the embedded Orleans grid (`molgrid campaign submit`, one in-process silo, SQLite)
/// and in-process (`molgrid design run`), each in its own child process so that each peak RSS is that run's own
/// (read from /proc/PID/status VmHWM, which the kernel keeps as the process's high-water mark, while it runs).
/// Each side gets a fresh data directory, so neither starts with a warm score cache. Times are each side's fastest
/// run, and with several runs also the median ratio of the back-to-back pairs. The rankings are compared
/// rank by rank (SMILES and score) over the rows the in-process run writes (the spec's output.top_n).
/// </summary>
public static partial class EmbeddedBenchmark
{
    [GeneratedRegex(@"^budget\s*:.*$", RegexOptions.Multiline)]
    private static partial Regex BudgetLine();

    [GeneratedRegex(@"^(\s*start_file\s*:\s*)([^#\s]+)(.*)$", RegexOptions.Multiline)]
    private static partial Regex StartFileLine();

    [GeneratedRegex(@"^submitted (\S+) ", RegexOptions.Multiline)]
    private static partial Regex SubmittedLine();

    public static async Task<EmbeddedBenchmarkResult> RunAsync(EmbeddedBenchmarkOptions o, TextWriter log, CancellationToken ct)
    {
        var work = Directory.CreateTempSubdirectory("molgrid-bench-embedded-").FullName;
        var spec = Path.Combine(work, "spec.yaml");
        await File.WriteAllTextAsync(spec, Rewrite(await File.ReadAllTextAsync(o.SpecPath, ct), Path.GetDirectoryName(Path.GetFullPath(o.SpecPath))!, o.Budget), ct);
        log.WriteLine($"bench embedded: spec {o.SpecPath}{(o.Budget is { } b ? $" with budget {b}" : "")}, {o.Runs} run(s) per side, work in {work}");

        var runs = new List<ChildRun>();
        string? embeddedCsv = null, inProcessCsv = null;
        for (var i = 1; i <= o.Runs; i++)
        {
            // Alternating, so a change in the machine's load falls on both sides alike.
            var data = Path.Combine(work, $"embedded-{i}");
            var embedded = await RunChildAsync("embedded", i, o.CliDll, ["campaign", "submit", spec, "--data", data], work, log, ct);
            runs.Add(embedded);
            if (embedded.ExitCode != 0) throw new InvalidOperationException($"the embedded run exited {embedded.ExitCode}; see {embedded.LogPath}");
            if (embeddedCsv is null)
            {
                var id = SubmittedLine().Match(await File.ReadAllTextAsync(embedded.LogPath, ct)) is { Success: true } m ? m.Groups[1].Value
                    : throw new InvalidOperationException($"no 'submitted ID' line in {embedded.LogPath}");
                embeddedCsv = Path.Combine(work, "embedded.csv");
                var export = await RunChildAsync("export", i, o.CliDll, ["campaign", "export", id, "--format", "csv", "--out", embeddedCsv, "--data", data], work, TextWriter.Null, ct);
                if (export.ExitCode != 0) throw new InvalidOperationException($"exporting the embedded ranking failed; see {export.LogPath}");
            }
            var outDir = Path.Combine(work, $"in-process-{i}");
            var inProcess = await RunChildAsync("in-process", i, o.CliDll, ["design", "run", spec, "--out", outDir], work, log, ct);
            runs.Add(inProcess);
            if (inProcess.ExitCode != 0) throw new InvalidOperationException($"the in-process run exited {inProcess.ExitCode}; see {inProcess.LogPath}");
            inProcessCsv ??= Path.Combine(outDir, "candidates.csv");
        }

        var grid = ReadRanking(embeddedCsv!, "score");
        var reference = ReadRanking(inProcessCsv!, "total");
        var compared = Math.Min(reference.Count, grid.Count);
        string? difference = null;
        for (var r = 0; r < compared && difference is null; r++)
            if (grid[r] != reference[r])
                difference = $"rank {r + 1}: embedded {grid[r].Smiles} {grid[r].Score:R}, in-process {reference[r].Smiles} {reference[r].Score:R}";
        if (difference is null && reference.Count > grid.Count) difference = $"the embedded grid ranked {grid.Count} candidates, in-process wrote {reference.Count}";
        return new EmbeddedBenchmarkResult(runs, Fastest(runs, "embedded"), Fastest(runs, "in-process"), compared, grid.Count, difference);
    }

    public static void Print(EmbeddedBenchmarkResult r, TextWriter w)
    {
        var inv = CultureInfo.InvariantCulture;
        foreach (var run in r.Runs)
            w.WriteLine(string.Format(inv, "{0} run {1}: {2:F1} s wall, {3:F1} s CPU, peak RSS {4} MB", run.Side, run.Index, run.WallSeconds, run.CpuSeconds, Mb(run.PeakRssBytes)));
        w.WriteLine(r.RankingDifference is null
            ? $"rankings identical: yes (top {r.Compared} of {r.Candidates} candidates, SMILES and score)"
            : $"rankings identical: NO ({r.RankingDifference})");
        w.WriteLine(string.Format(inv,
            "embedded vs in-process: {0:F2}x wall (embedded {1:F1} s, in-process {2:F1} s), {3:F2}x CPU, peak RSS embedded {4} MB, in-process {5} MB{6}",
            r.WallRatio, r.Embedded.WallSeconds, r.InProcess.WallSeconds, r.CpuRatio, Mb(r.Embedded.PeakRssBytes), Mb(r.InProcess.PeakRssBytes),
            r.Runs.Count > 2 ? string.Format(inv, "; median of {0} pairs {1:F2}x wall, {2:F2}x CPU", r.Runs.Count / 2, r.MedianPairRatio.Wall, r.MedianPairRatio.Cpu) : ""));
    }

    /// <summary>The spec with its budget replaced and a relative start_file made absolute, so both sides (and the
    /// grid, which resolves files under its data roots) read the same start molecules from a spec written elsewhere.</summary>
    internal static string Rewrite(string text, string specDirectory, int? budget)
    {
        if (budget is { } b)
            text = BudgetLine().IsMatch(text) ? BudgetLine().Replace(text, $"budget: {b}", 1) : $"budget: {b}\n{text}";
        return StartFileLine().Replace(text, m => Path.IsPathRooted(m.Groups[2].Value) ? m.Value
            : m.Groups[1].Value + Path.GetFullPath(Path.Combine(specDirectory, m.Groups[2].Value)) + m.Groups[3].Value);
    }

    private static ChildRun Fastest(IEnumerable<ChildRun> runs, string side) => runs.Where(r => r.Side == side).MinBy(r => r.WallSeconds)!;

    private static long Mb(long bytes) => (bytes + 512 * 1024) / (1024 * 1024);

    private static async Task<ChildRun> RunChildAsync(string side, int index, string dll, IReadOnlyList<string> args, string work, TextWriter log, CancellationToken ct)
    {
        var logPath = Path.Combine(work, $"{side}-{index}.log");
        var psi = new ProcessStartInfo(Environment.ProcessPath ?? "dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["MOLGRID_HOME"] = MolGridPaths.Home;
        var sw = Stopwatch.StartNew();
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("could not start a child process");
        await using var output = new StreamWriter(logPath);
        var lines = new object();
        void Line(string? s) { if (s is null) return; lock (lines) output.WriteLine(s); }
        p.OutputDataReceived += (_, e) => Line(e.Data);
        p.ErrorDataReceived += (_, e) => Line(e.Data);
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        long peak = 0;
        double cpu = 0;
        using (ct.Register(() => { try { p.Kill(true); } catch (InvalidOperationException) { } }))
        {
            // Sampled until exit: VmHWM only grows, so the last sample misses at most the final interval's growth.
            while (!p.HasExited)
            {
                if (Sample(p.Id) is { } s) { peak = Math.Max(peak, s.Rss); cpu = Math.Max(cpu, s.Cpu); }
                await Task.WhenAny(p.WaitForExitAsync(ct), Task.Delay(100, ct));
            }
            await p.WaitForExitAsync(ct);
        }
        sw.Stop();
        var run = new ChildRun(side, index, sw.Elapsed.TotalSeconds, cpu, peak, p.ExitCode, logPath);
        log.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0} run {1}: {2:F1} s wall, {3:F1} s CPU, peak RSS {4} MB (exit {5}; log {6})",
            side, index, run.WallSeconds, run.CpuSeconds, Mb(run.PeakRssBytes), run.ExitCode, logPath));
        return run;
    }

    /// <summary>Peak RSS (VmHWM) and user+system CPU seconds of a live process, from /proc; null once it is gone.</summary>
    private static (long Rss, double Cpu)? Sample(int pid)
    {
        try
        {
            long rss = 0;
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    rss = long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
            // /proc/PID/stat: fields after the ")" of the command name; utime and stime are the 12th and 13th there.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return (rss, ticks / 100.0); // USER_HZ is 100 on Linux
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>(SMILES, score) by rank from a candidates CSV whose header names the columns.</summary>
    private static List<(string Smiles, double Score)> ReadRanking(string csv, string scoreColumn)
    {
        var lines = File.ReadAllLines(csv);
        var header = lines[0].Split(',');
        var smiles = Array.IndexOf(header, "smiles");
        var score = Array.IndexOf(header, scoreColumn);
        if (smiles < 0 || score < 0) throw new InvalidOperationException($"{csv} has no smiles or {scoreColumn} column");
        // SMILES have no commas, and these columns come before the only free-text one (error), so a split will do.
        return lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(','))
            .Select(f => (f[smiles], double.Parse(f[score], CultureInfo.InvariantCulture))).ToList();
    }
}
