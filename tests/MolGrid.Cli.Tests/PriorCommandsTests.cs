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
}
