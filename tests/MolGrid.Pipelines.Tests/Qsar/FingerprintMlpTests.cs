using MolGrid.Molecules;
using MolGrid.Pipelines.Qsar;

namespace MolGrid.Pipelines.Tests.Qsar;

public class FingerprintMlpTests
{
    private static (BitFingerprint[] X, double[] Y) LearnableData(int n)
    {
        // Real fingerprints (ChEMBL aryl sulfonamides), synthetic target: a fixed weight per bit summed over the
        // set bits. An MLP can represent it exactly; the test asks whether training finds it.
        var rows = RepoFiles.ReadCsv(RepoFiles.Sample("targets", "chembl2321810_pIC50.csv")).Skip(1).Take(n).ToArray();
        var x = rows.Select(r => { using var m = MoleculeParser.ParseSmiles(r[1]); return Fingerprints.MorganBits(m, 2, 2048); }).ToArray();
        var y = x.Select(f => f.OnBits().Sum(b => ((b * 7919) % 13 - 6) / 10.0)).ToArray();
        return (x, y);
    }

    [Fact]
    public void LearnsALearnableFunction()
    {
        var (x, y) = LearnableData(600);
        var mlp = FingerprintMlp.Train(x[..500], y[..500], new FingerprintMlpOptions { Seed = 3, MaxEpochs = 150 });
        var predicted = x[500..].Select(f => mlp.Predict(f).Mean).ToArray();
        var m = RegressionMetrics.Compute(y[500..], predicted);
        var baseline = RegressionMetrics.Compute(y[500..], y[500..].Select(_ => y[..500].Average()).ToArray());
        Assert.True(m.R2 > 0.8, $"held-out R2 {m.R2:0.000}, RMSE {m.Rmse:0.000} (predicting the mean: RMSE {baseline.Rmse:0.000})");
        Assert.True(mlp.BestEpoch <= mlp.EpochsRun);
    }

    [Fact]
    public void SameSeedSameModel()
    {
        var (x, y) = LearnableData(120);
        var o = new FingerprintMlpOptions { Seed = 5, MaxEpochs = 5, Hidden1 = 32, Hidden2 = 8 };
        var a = FingerprintMlp.Train(x, y, o);
        var b = FingerprintMlp.Train(x, y, o);
        var c = FingerprintMlp.Train(x, y, o with { Seed = 6 });
        Assert.Equal(a.Predict(x[0]).Mean, b.Predict(x[0]).Mean);
        Assert.NotEqual(a.Predict(x[0]).Mean, c.Predict(x[0]).Mean);
    }

    [Fact]
    public void SavedModelPredictsTheSameAfterLoading()
    {
        var (x, y) = LearnableData(100);
        var mlp = FingerprintMlp.Train(x, y, new FingerprintMlpOptions { Seed = 1, MaxEpochs = 3, Hidden1 = 16, Hidden2 = 8 });
        var path = Path.Combine(Path.GetTempPath(), $"molgrid-mlp-{Guid.NewGuid():N}.json");
        try
        {
            QsarModelFile.Save(mlp, path);
            var loaded = QsarModelFile.Load(path);
            Assert.Equal("mlp", loaded.Kind);
            foreach (var f in x.Take(10)) Assert.Equal(mlp.Predict(f).Mean, ((IFingerprintQsarModel)loaded).Predict(f).Mean);
        }
        finally { File.Delete(path); }
    }
}
