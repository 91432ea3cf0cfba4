namespace MolGrid.Cli.Tests;

/// <summary>`molgrid prior ...` as a user runs it: bad input is exit code 2 with the reason, no stack trace.</summary>
public class PriorCommandsTests
{
    [Fact]
    public void Sampling_from_a_file_that_is_not_a_model_is_bad_input()
    {
        var path = Path.Combine(Path.GetTempPath(), $"not-a-model-{Guid.NewGuid():N}.model");
        File.WriteAllText(path, "CCO\n");
        var r = CliProcess.Run("prior", "sample", "--model", path, "-n", "3");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("not a MolGrid model", r.StdErr);
        Assert.DoesNotContain("   at ", r.StdErr);
        Assert.Equal("", r.StdOut);
    }

    [Fact]
    public void Bad_numbers_and_missing_files_are_bad_input()
    {
        Assert.Equal(2, CliProcess.Run("prior", "sample", "-n", "0").ExitCode);
        var train = CliProcess.Run("prior", "train", "--corpus", "/nonexistent.csv", "--out", Path.GetTempPath(), "--batch", "0");
        Assert.Equal(2, train.ExitCode);
        Assert.Contains("--batch", train.StdErr);
        var corpus = CliProcess.Run("prior", "corpus", "--in", "/nonexistent.csv", "--out", "/tmp/x.csv.gz");
        Assert.Equal(2, corpus.ExitCode);
        Assert.Contains("not found", corpus.StdErr);
    }

    [Fact]
    public void Corpus_preparation_reports_what_it_removed()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"prior-corpus-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        var input = Path.Combine(dir, "in.smi");
        File.WriteAllLines(input, ["CC(C)(C)NCC(O)c1ccc(O)c(CO)c1", "CCCCCCCCCCOc1ccc(cc1)C(=O)N", "CCOc1ccccc1", "nonsense("]);
        var output = Path.Combine(dir, "out.csv.gz");
        var r = CliProcess.Run("prior", "corpus", "--in", input, "--out", output, "--min-token-count", "1");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("of the 18 PMO reference molecules 1;", r.StdOut);
        Assert.Contains("albuterol 1", r.StdOut);
        Assert.Contains("kept 2;", r.StdOut);
        Assert.True(File.Exists(output));
    }

    [Fact]
    public void The_rl_step_benchmark_splits_a_step_and_names_its_baseline()
    {
        var r = CliProcess.Run("bench", "rl-step", "--steps", "2", "--warmup", "0");
        Assert.True(r.ExitCode == 0, r.StdErr);
        var step = System.Text.RegularExpressions.Regex.Match(r.StdOut, @"(\d+) ms per step = sampling (\d+) ms \+ oracle (\d+) ms \+ update (\d+) ms \((\d+) oracle calls\)");
        Assert.True(step.Success, r.StdOut);
        var parts = Enumerable.Range(1, 5).Select(i => int.Parse(step.Groups[i].Value)).ToArray();
        Assert.True(parts[3] > 0 && parts[4] > 0, r.StdOut); // an update ran and the oracle was called
        Assert.InRange(parts[0], parts[1] + parts[2] + parts[3] - 2, parts[1] + parts[2] + parts[3] + 2); // rounding only
        Assert.Matches(@"baseline: the prior sampling 64 SMILES alone \d+ ms; one RL step = [\d.]+x that", r.StdOut);

        var bad = CliProcess.Run("bench", "rl-step", "--task", "drd2");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("unknown PMO task 'drd2'", bad.StdErr);
    }
}
