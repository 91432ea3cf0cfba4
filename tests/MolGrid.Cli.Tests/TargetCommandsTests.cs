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
            Assert.Contains("trained gp (regression) on 163 molecules of bzr_activity.csv", t.StdOut);
            Assert.True(File.Exists(output));
            var e = CliProcess.Run("model", "eval", "--data", data, "--model", "gp", "--split", "scaffold", "--seed", "0", "--format", "csv");
            Assert.Equal(0, e.ExitCode);
            var rows = e.StdOut.Trim().Split('\n');
            Assert.Equal("model,n_train,n_test,RMSE,R2,Spearman,cover90,rho_err_sd,halfwidth90,train_s,predict_s,detail", rows[0]);
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

    [Fact]
    public void DmpnnTrainThenExplainAsJsonAndSvg()
    {
        var data = Path.Combine(CliProcess.RepoRoot, "samples", "targets", "bzr_activity.csv");
        var dir = Directory.CreateTempSubdirectory("molgrid-dmpnn-cli-").FullName;
        try
        {
            var model = Path.Combine(dir, "bzr.mgm");
            var t = CliProcess.Run("model", "train", "--data", data, "--model", "dmpnn", "--hidden", "32", "--epochs", "3", "--ensemble", "2", "--out", model);
            Assert.True(t.ExitCode == 0, t.StdErr);
            Assert.Contains("ensemble of 2", t.StdOut);
            Assert.Contains("dmpnn member 1 epoch 3", t.StdErr);
            var svg = Path.Combine(dir, "x.svg");
            var e = CliProcess.Run("model", "explain", "--model", model, "--format", "json", "--svg", svg, "CN1C(=O)CN=C(c2ccccc2)c2cc(Cl)ccc21");
            Assert.True(e.ExitCode == 0, e.StdErr);
            using var doc = System.Text.Json.JsonDocument.Parse(e.StdOut);
            var root = doc.RootElement;
            Assert.Equal("integrated-gradients", root.GetProperty("method").GetString());
            var atoms = root.GetProperty("atoms").EnumerateArray().ToArray();
            Assert.Equal(20, atoms.Length);
            var gap = root.GetProperty("prediction").GetDouble() - root.GetProperty("baseline").GetDouble();
            Assert.True(Math.Abs(atoms.Sum(a => a.GetProperty("attribution").GetDouble()) - gap) <= 0.03 * Math.Abs(gap) + 1e-3);
            Assert.StartsWith("<?xml", File.ReadAllText(svg));
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void ClassificationEvalPrintsRocAndPrAuc()
    {
        var data = Path.Combine(CliProcess.RepoRoot, "samples", "targets", "chembl2321810_pIC50.csv");
        var e = CliProcess.Run("model", "eval", "--data", data, "--model", "gbm", "--task", "classification", "--threshold", "7", "--split", "random", "--format", "csv");
        Assert.True(e.ExitCode == 0, e.StdErr);
        var rows = e.StdOut.Trim().Split('\n');
        Assert.Equal("model,n_train,n_test,ROC_AUC,PR_AUC,train_s,predict_s,detail", rows[0]);
        var gbm = rows.Single(l => l.StartsWith("gbm,")).Split(',');
        Assert.InRange(double.Parse(gbm[3], System.Globalization.CultureInfo.InvariantCulture), 0.6, 1.0);
    }

    [Fact]
    public void ExplainRefusesAFileThatIsNotAModel()
    {
        var bad = Path.Combine(Path.GetTempPath(), $"molgrid-bad-{Guid.NewGuid():N}.mgm");
        File.WriteAllText(bad, "MOLGRID-MODEL 1\nnot really");
        try
        {
            var r = CliProcess.Run("model", "explain", "--model", bad, "CCO");
            Assert.Equal(2, r.ExitCode);
            Assert.Contains("truncated or corrupt header", r.StdErr);
        }
        finally { File.Delete(bad); }
    }
}
