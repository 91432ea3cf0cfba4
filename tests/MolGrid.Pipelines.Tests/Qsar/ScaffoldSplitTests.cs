using MolGrid.Pipelines.Qsar;

namespace MolGrid.Pipelines.Tests.Qsar;

public class ScaffoldSplitTests
{
    [Fact]
    public void NoScaffoldOnBothSidesAndDeterministic()
    {
        var data = QsarDataSet.Load(RepoFiles.Sample("targets", "chembl2321810_pIC50.csv"), "smiles", "pIC50");
        var scaffolds = data.Records.Select(r => r.Scaffold).ToArray();
        var s = ScaffoldSplit.Split(scaffolds, 0.2, 0);
        Assert.Equal(data.Records.Count, s.Train.Length + s.Test.Length);
        Assert.Empty(s.Train.Intersect(s.Test));
        var trainScaffolds = s.Train.Select(i => scaffolds[i]).ToHashSet();
        Assert.DoesNotContain(s.Test, i => trainScaffolds.Contains(scaffolds[i]));
        Assert.InRange(s.Test.Length, 0.15 * scaffolds.Length, 0.3 * scaffolds.Length);
        var again = ScaffoldSplit.Split(scaffolds, 0.2, 0);
        Assert.Equal(s.Test, again.Test);
        Assert.NotEqual(s.Test, ScaffoldSplit.Split(scaffolds, 0.2, 1).Test);
    }

    [Theory]
    // Expected values printed by python3-rdkit 2022.09.3: MurckoScaffold.MurckoScaffoldSmiles(smiles).
    [InlineData("Cc1nnc2n1-c1ccc(Cl)cc1C(c1ccccc1)=NC2", "c1ccc(C2=NCc3nncn3-c3ccccc32)cc1")]
    [InlineData("CCCCC(=O)O", "")]
    [InlineData("O=S(=O)(Nc1cccs1)c2ccc(Oc3ccccc3c4ccccc4)c(c2)C#N", "O=S(=O)(Nc1cccs1)c1ccc(Oc2ccccc2-c2ccccc2)cc1")]
    public void ScaffoldsAreRdkitMurckoScaffolds(string smiles, string scaffold)
    {
        var path = Path.Combine(Path.GetTempPath(), $"molgrid-scaf-{Guid.NewGuid():N}.csv");
        try
        {
            File.WriteAllText(path, $"smiles,pIC50\n{smiles},5\nCC,4\n");
            Assert.Equal(scaffold, QsarDataSet.Load(path).Records[0].Scaffold);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void MetricsMatchHandComputation()
    {
        // Spearman of (1,2,3,4) vs (1,3,2,4): 1 - 6*2/(4*15) = 0.8; R2 = 1 - 2/5 = 0.6; RMSE = sqrt(2/4).
        var m = RegressionMetrics.Compute([1, 2, 3, 4], [1, 3, 2, 4]);
        Assert.Equal(Math.Sqrt(0.5), m.Rmse, 12);
        Assert.Equal(0.6, m.R2, 12);
        Assert.Equal(0.8, m.Spearman, 12);
    }
}
