namespace MolGrid.Cli.Tests;

public class DesignCommandTests
{
    private static string WriteSpec(string dir, string extra = "", int budget = 120) =>
        WriteText(dir, "spec.yaml", $"""
            name: cli-test
            seed: 3
            budget: {budget}
            generator:
              type: graph_ga
              population_size: 30
              offspring_size: 30
              start_file: {Path.Combine(CliProcess.RepoRoot, "samples", "design", "chembl_like_10k.smi")}
              start_size: 40
            scoring:
              aggregation: geometric
              components:
                - type: qed
                - type: descriptor
                  name: tpsa
                  params: {"{"}descriptor: tpsa{"}"}
                  transform: {"{"}type: double_sigmoid, low: 40, high: 120, coef_div: 120, coef_si: 10, coef_se: 10{"}"}
            {extra}
            """);

    private static string WriteText(string dir, string name, string text)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static string TempDir()
    {
        var d = Path.Combine(Path.GetTempPath(), "molgrid-design-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(d);
        return d;
    }

    [Fact]
    public void RunWritesRankedCsvAndSdfWithEveryComponent()
    {
        var dir = TempDir();
        var spec = WriteSpec(dir, "output:\n  top_n: 25\n  sdf: 2d");
        var outDir = Path.Combine(dir, "out");
        var r = CliProcess.Run("design", "run", spec, "--out", outDir);
        Assert.True(r.ExitCode == 0, r.StdErr);
        Assert.Contains("round", r.StdErr);
        var csv = File.ReadAllLines(Path.Combine(outDir, "candidates.csv"));
        Assert.Equal(26, csv.Length);
        var header = csv[0].Split(',');
        foreach (var col in new[] { "rank", "smiles", "total", "qed", "qed.raw", "tpsa", "tpsa.raw", "desc.mw", "desc.clogp" })
            Assert.Contains(col, header);
        var totals = csv.Skip(1).Select(l => double.Parse(l.Split(',')[3], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(totals.OrderDescending(), totals);
        var sdf = File.ReadAllText(Path.Combine(outDir, "candidates.sdf"));
        Assert.Equal(25, sdf.Split("$$$$").Length - 1);
        Assert.Contains("> <qed.raw>", sdf);
        Assert.Contains("M  END", sdf);
        Assert.True(File.Exists(Path.Combine(outDir, "state.json")));
    }

    [Fact]
    public void SameSpecTwiceGivesTheSameRanking()
    {
        var dir = TempDir();
        var spec = WriteSpec(dir, budget: 80);
        var a = CliProcess.Run("design", "run", spec, "--out", Path.Combine(dir, "a"));
        var b = CliProcess.Run("design", "run", spec, "--out", Path.Combine(dir, "b"));
        Assert.Equal(0, a.ExitCode);
        Assert.Equal(0, b.ExitCode);
        Assert.Equal(File.ReadAllText(Path.Combine(dir, "a", "candidates.csv")), File.ReadAllText(Path.Combine(dir, "b", "candidates.csv")));
    }

    [Fact]
    public void BadSpecIsExitTwoNamingTheKeyPath()
    {
        var dir = TempDir();
        var spec = WriteText(dir, "bad.yaml", File.ReadAllText(WriteSpec(dir)).Replace("- type: qed", "- type: qed\n      weight: heavy"));
        var r = CliProcess.Run("design", "run", spec);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("scoring.components[0].weight", r.StdErr);
        Assert.DoesNotContain("   at ", r.StdErr);

        var missing = CliProcess.Run("design", "run", Path.Combine(dir, "nope.yaml"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("not found", missing.StdErr);
    }

    [Fact]
    public void BenchPmoQuickPrintsTheTableAndTheSumLine()
    {
        var r = CliProcess.Run("bench", "pmo", "--quick", "--tasks", "isomers_c7h8n2o2,median1", "--budget", "200");
        Assert.True(r.ExitCode == 0, r.StdErr);
        var lines = r.StdOut.TrimEnd().Split('\n');
        Assert.Matches(@"^sum auc_top10 [0-9]+\.[0-9]{3} over 2 tasks$", lines[^1]);
        Assert.Contains(lines, l => l.StartsWith("isomers_c7h8n2o2") && l.Contains("0.862"));
        Assert.Contains(lines, l => l.StartsWith("median1") && l.Contains("0.294") && l.Contains("0.356"));
        var sum = double.Parse(lines[^1].Split(' ')[2], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(sum, 0.05, 2.0);
    }

    [Fact]
    public void BenchPmoKeepsRunsInARunsDirAndReusesThem()
    {
        var dir = Directory.CreateTempSubdirectory("molgrid-pmo-cli-").FullName;
        var runs = Path.Combine(dir, "runs");
        var first = CliProcess.Run("bench", "pmo", "--tasks", "qed", "--budget", "200", "--seeds", "1", "--first-seed", "4", "--runs-dir", runs);
        Assert.True(first.ExitCode == 0, first.StdErr);
        Assert.True(File.Exists(Path.Combine(runs, "graph_ga-qed-seed4.json")));
        Assert.Contains("seeds 4..4", first.StdOut);

        // Seeds 3..5: seed 4 is kept, 3 and 5 are run, and the mean over the three equals a run from scratch.
        var second = CliProcess.Run("bench", "pmo", "--tasks", "qed", "--budget", "200", "--seeds", "3", "--first-seed", "3", "--runs-dir", runs);
        Assert.True(second.ExitCode == 0, second.StdErr);
        Assert.Contains("1 of 3 runs kept", second.StdErr);
        Assert.Contains("[kept] qed seed 4", second.StdErr);
        var scratch = CliProcess.Run("bench", "pmo", "--tasks", "qed", "--budget", "200", "--seeds", "3", "--first-seed", "3");
        Assert.True(scratch.ExitCode == 0, scratch.StdErr);
        Assert.Equal(scratch.StdOut.TrimEnd().Split('\n')[^1], second.StdOut.TrimEnd().Split('\n')[^1]);

        // Other settings do not reuse the runs.
        var other = CliProcess.Run("bench", "pmo", "--tasks", "qed", "--budget", "300", "--seeds", "1", "--first-seed", "4", "--runs-dir", runs);
        Assert.True(other.ExitCode == 0, other.StdErr);
        Assert.Contains("0 of 1 runs kept", other.StdErr);

        var file = Path.Combine(dir, "a-file");
        File.WriteAllText(file, "");
        var bad = CliProcess.Run("bench", "pmo", "--tasks", "qed", "--runs-dir", file);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--runs-dir", bad.StdErr);
        var under = CliProcess.Run("bench", "pmo", "--tasks", "qed", "--runs-dir", Path.Combine(file, "runs"));
        Assert.Equal(2, under.ExitCode);
        Assert.Contains("--runs-dir", under.StdErr);
        var negative = CliProcess.Run("bench", "pmo", "--tasks", "qed", "--first-seed", "-1");
        Assert.Equal(2, negative.ExitCode);
        Assert.Contains("--first-seed", negative.StdErr);
    }

    [Fact]
    public void BenchPmoRejectsUnknownTasks()
    {
        var r = CliProcess.Run("bench", "pmo", "--tasks", "drd2");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("drd2", r.StdErr);
    }
}
