using System.Text.Json;

namespace MolGrid.Cli.Tests;

/// <summary>`molgrid expression de`, `targets rank`, `model train|eval` run as a user would.</summary>
public class TargetCommandsTests
{
    private static string Golub => Path.Combine(CliProcess.RepoRoot, "samples", "expression", "golub_all_vs_aml.csv");

    [Fact]
    public void TargetsRankOnGolubNamesPgdACandidate()
    {
        var r = CliProcess.Run("targets", "rank", "--expression", Golub, "--case", "AML", "--control", "ALL");
        Assert.Equal(0, r.ExitCode);
        var pgd = r.StdOut.Split('\n').Single(l => l.Contains(" PGD "));
        Assert.Contains("candidate", pgd);
        Assert.Contains("up in AML", pgd);
        Assert.StartsWith("1 ", pgd);
    }

    [Fact]
    public void TargetsRankJsonIsMachineReadable()
    {
        var r = CliProcess.Run("targets", "rank", "--expression", Golub, "--case", "AML", "--control", "ALL", "--format", "json");
        Assert.Equal(0, r.ExitCode);
        var rows = JsonDocument.Parse(r.StdOut).RootElement.EnumerateArray().ToList();
        var pgd = rows.Single(e => e.GetProperty("target").GetString() == "PGD");
        Assert.Equal("candidate", pgd.GetProperty("evidence").GetString());
        Assert.Equal("U30255_at", pgd.GetProperty("probe").GetString());
        Assert.True(pgd.GetProperty("t").GetDouble() > 3);
    }

    [Fact]
    public void ExpressionDePrintsTheLimmaTopTableCsv()
    {
        var r = CliProcess.Run("expression", "de", "--expression", Golub, "--case", "AML", "--control", "ALL", "--top", "3", "--format", "csv");
        Assert.Equal(0, r.ExitCode);
        var lines = r.StdOut.Trim().Split('\n');
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("rank,probe,symbol,logFC,AveExpr,t,P.Value,adj.P.Val,B", lines[0]);
        // limma's top gene for AML vs ALL (Fixtures/limma_golub_toptable.csv in the pipelines tests).
        Assert.StartsWith("1,M27891_at,CST3,2.8919,", lines[1]);
    }

    [Fact]
    public void BadExpressionFileIsExitCode2WithTheCellNamed()
    {
        var path = Path.Combine(Path.GetTempPath(), $"molgrid-bad-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "probe,A_1,A_2,B_1,B_2\ng1,1,2,x,4\n");
        try
        {
            var r = CliProcess.Run("expression", "de", "--expression", path, "--case", "A", "--control", "B");
            Assert.Equal(2, r.ExitCode);
            Assert.Contains("line 2, column 'B_1'", r.StdErr);
            Assert.DoesNotContain("   at ", r.StdErr);
            Assert.Equal("", r.StdOut);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void UnknownGroupIsExitCode2()
    {
        var r = CliProcess.Run("targets", "rank", "--expression", Golub, "--case", "CML", "--control", "ALL");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("group 'CML' has 0 sample(s)", r.StdErr);
    }

    [Fact]
    public void ModelTrainThenEvalOnBzr()
    {
        var data = Path.Combine(CliProcess.RepoRoot, "samples", "targets", "bzr_activity.csv");
        var output = Path.Combine(Path.GetTempPath(), $"molgrid-model-{Guid.NewGuid():N}.json");
        try
        {
            var t = CliProcess.Run("model", "train", "--data", data, "--model", "gp", "--out", output);
            Assert.Equal(0, t.ExitCode);
            Assert.Contains("trained gp on bzr_activity.csv", t.StdOut);
            Assert.True(File.Exists(output));
            var e = CliProcess.Run("model", "eval", "--data", data, "--model", "gp", "--split", "scaffold", "--seed", "0", "--format", "csv");
            Assert.Equal(0, e.ExitCode);
            var rows = e.StdOut.Trim().Split('\n');
            Assert.Equal("model,n_train,n_test,RMSE,R2,Spearman,train_s,predict_s,detail", rows[0]);
            Assert.Contains(rows, l => l.StartsWith("gp,"));
            Assert.Contains(rows, l => l.StartsWith("nn,"));   // the baseline is always printed
        }
        finally { File.Delete(output); }
    }

    [Fact]
    public void ModelEvalRejectsUnknownModel()
    {
        var data = Path.Combine(CliProcess.RepoRoot, "samples", "targets", "bzr_activity.csv");
        var r = CliProcess.Run("model", "eval", "--data", data, "--model", "svm");
        Assert.Equal(2, r.ExitCode);
    }
}
