using MolGrid.Molecules;
using MolGrid.Pipelines.Qsar;

namespace MolGrid.Pipelines.Tests.Qsar;

/// <summary>The Tanimoto GP against an independent numpy + python3-rdkit computation
/// (Fixtures/gp_reference.py, which wrote gp_kernel_reference.csv and gp_reference.csv), and its basic
/// behaviour (interpolation at low noise, variance growing away from the data).</summary>
public class GaussianProcessTests
{
    private static List<string[]> Bzr() => RepoFiles.ReadCsv(RepoFiles.Sample("targets", "bzr_activity.csv")).Skip(1).ToList();

    private static BitFingerprint Fp(string smiles)
    {
        using var m = MoleculeParser.ParseSmiles(smiles);
        return Fingerprints.MorganBits(m, 2, 2048);
    }

    [Fact]
    public void KernelMatrixMatchesRdkitBulkTanimoto()
    {
        var train = Bzr().Take(40).Select(r => Fp(r[1])).ToArray();
        var k = TanimotoKernel.Matrix(train, train);
        var rows = RepoFiles.ReadCsv(RepoFiles.Fixture("gp_kernel_reference.csv")).Skip(1).ToList();
        Assert.Equal(40 * 40, rows.Count);
        foreach (var r in rows)
            Assert.Equal(RepoFiles.Num(r[2]), k[int.Parse(r[0]), int.Parse(r[1])], 12);
    }

    [Fact]
    public void PosteriorMatchesNumpy()
    {
        var bzr = Bzr();
        var train = bzr.Take(40).ToArray();
        var gp = GaussianProcessModel.Train(train.Select(r => Fp(r[1])).ToArray(), train.Select(r => RepoFiles.Num(r[2])).ToArray(),
            new GaussianProcessOptions { NoiseRatioGrid = [0.01] });
        var lines = File.ReadAllLines(RepoFiles.Fixture("gp_reference.csv")).Skip(1).ToList();
        var meta = lines.Single(l => l.StartsWith('#')).Split(',');
        Assert.Equal(RepoFiles.Num(meta[1]), gp.SignalVariance, 9);
        Assert.Equal(RepoFiles.Num(meta[2]), gp.LogMarginalLikelihood, 7);
        foreach (var l in lines.Where(l => !l.StartsWith('#')))
        {
            var f = l.Split(',');
            var p = gp.Predict(Fp(f[0]));
            Assert.Equal(RepoFiles.Num(f[1]), p.Mean, 8);
            Assert.Equal(RepoFiles.Num(f[2]), p.Variance, 8);
        }
    }

    [Fact]
    public void LowNoiseInterpolatesTrainingPointsAndVarianceGrowsAwayFromData()
    {
        var train = Bzr().Take(60).ToArray();
        var x = train.Select(r => Fp(r[1])).ToArray();
        var y = train.Select(r => RepoFiles.Num(r[2])).ToArray();
        var gp = GaussianProcessModel.Train(x, y, new GaussianProcessOptions { NoiseRatioGrid = [1e-6] });
        var atTraining = new List<double>();
        for (var i = 0; i < x.Length; i++)
        {
            // Duplicated fingerprints with different labels cannot both be interpolated; skip those.
            if (x.Where((f, j) => j != i && Similarity.Tanimoto(f, x[i]) == 1).Any()) continue;
            var p = gp.Predict(x[i]);
            Assert.True(Math.Abs(p.Mean - y[i]) < 0.02, $"training molecule {i}: predicted {p.Mean}, measured {y[i]}");
            atTraining.Add(p.Variance);
        }
        Assert.True(atTraining.Count > 40);
        // Far from every benzodiazepine: a long alkyl acid and a sugar.
        var far = new[] { "CCCCCCCCCCCCCCCC(=O)O", "OCC1OC(O)C(O)C(O)C1O" }.Select(s => gp.Predict(Fp(s))).ToArray();
        foreach (var p in far)
            Assert.True(p.Variance > 100 * atTraining.Max() && p.Variance > 0.5 * gp.SignalVariance,
                $"variance away from data {p.Variance} vs at data {atTraining.Max()} (prior {gp.SignalVariance})");
    }

    [Fact]
    public void MarginalLikelihoodPicksTheBestGridPoint()
    {
        var train = Bzr().Take(80).ToArray();
        var x = train.Select(r => Fp(r[1])).ToArray();
        var y = train.Select(r => RepoFiles.Num(r[2])).ToArray();
        double[] grid = [0.001, 0.01, 0.1, 1.0];
        var each = grid.Select(r => GaussianProcessModel.Train(x, y, new GaussianProcessOptions { NoiseRatioGrid = [r] })).ToArray();
        var chosen = GaussianProcessModel.Train(x, y, new GaussianProcessOptions { NoiseRatioGrid = grid });
        Assert.Equal(each.Max(m => m.LogMarginalLikelihood), chosen.LogMarginalLikelihood);
        Assert.Equal(each.MaxBy(m => m.LogMarginalLikelihood)!.NoiseRatio, chosen.NoiseRatio);
    }

    [Fact]
    public void SubsetIsSeededAndDeterministic()
    {
        var a = GaussianProcessModel.SubsetIndices(6192, 2000, 7);
        Assert.Equal(a, GaussianProcessModel.SubsetIndices(6192, 2000, 7));
        Assert.NotEqual(a, GaussianProcessModel.SubsetIndices(6192, 2000, 8));
        Assert.Equal(2000, a.Distinct().Count());
        Assert.Equal(Enumerable.Range(0, 50), GaussianProcessModel.SubsetIndices(50, 2000, 7));
    }

    [Fact]
    public void SavedModelPredictsTheSameAfterLoading()
    {
        var train = Bzr().Take(50).ToArray();
        var gp = GaussianProcessModel.Train(train.Select(r => Fp(r[1])).ToArray(), train.Select(r => RepoFiles.Num(r[2])).ToArray());
        var path = Path.Combine(Path.GetTempPath(), $"molgrid-gp-{Guid.NewGuid():N}.json");
        try
        {
            QsarModelFile.Save(gp, path);
            var loaded = QsarModelFile.Load(path);
            foreach (var r in Bzr().Skip(100).Take(10))
            {
                var fp = Fp(r[1]);
                Assert.Equal(gp.Predict(fp), ((IFingerprintQsarModel)loaded).Predict(fp));
            }
        }
        finally { File.Delete(path); }
    }
}
