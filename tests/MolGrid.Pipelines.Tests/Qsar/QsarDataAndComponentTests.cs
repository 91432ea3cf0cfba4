using MolGrid.Pipelines.Qsar;
using MolGrid.Pipelines.Scoring;
using MolGrid.Pipelines.Targets;

namespace MolGrid.Pipelines.Tests.Qsar;

public sealed class QsarDataAndComponentTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("molgrid-qsar-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private string Write(string name, string text)
    {
        var p = Path.Combine(_dir, name);
        File.WriteAllText(p, text);
        return p;
    }

    [Fact]
    public void InvalidSmilesAreSkippedAndReported()
    {
        var d = QsarDataSet.Load(Write("d.csv", "smiles,pIC50\nCCO,5\nC1CC,6\nc1ccccc1,7\n"));
        Assert.Equal(2, d.Records.Count);
        var s = Assert.Single(d.Skipped);
        Assert.Equal(3, s.Line);
        Assert.Equal("C1CC", s.Smiles);
    }

    [Fact]
    public void NonNumericActivityIsAnError()
    {
        var path = Write("d.csv", "smiles,pIC50\nCCO,5\nCCN,high\n");
        var e = Assert.Throws<QsarDataException>(() => QsarDataSet.Load(path));
        Assert.Contains("line 3, column 'pIC50': activity 'high' is not a number", e.Message);
    }

    [Fact]
    public void MissingActivityColumnIsAnError()
    {
        var e = Assert.Throws<QsarDataException>(() => QsarDataSet.Load(Write("d.csv", "smiles,value\nCCO,5\n"), "smiles", "pIC50"));
        Assert.Contains("no activity column 'pIC50'", e.Message);
    }

    [Fact]
    public void CorruptModelFileIsInvalidInput()
    {
        Assert.Throws<QsarDataException>(() => QsarModelFile.Load(Write("m.json", "{\"format\":\"molgrid-qsar\",\"version\":99}")));
        Assert.Throws<QsarDataException>(() => QsarModelFile.Load(Write("n.json", "not json")));
    }

    [Fact]
    public async Task ComponentVersionFollowsTheModelFileAndCacheServesRepeats()
    {
        var data = QsarDataSet.Load(RepoFiles.Sample("targets", "bzr_activity.csv"), "smiles", "activity");
        var x = data.Records.Select(r => r.Fingerprint).ToArray();
        var y = data.Records.Select(r => r.Activity).ToArray();
        var path1 = Path.Combine(_dir, "a.json");
        var path2 = Path.Combine(_dir, "b.json");
        QsarModelFile.Save(GaussianProcessModel.Train(x[..60], y[..60]), path1);
        QsarModelFile.Save(GaussianProcessModel.Train(x[..70], y[..70]), path2);
        var c1 = new QsarScoringComponent(path1, "GABRA1");
        var c2 = new QsarScoringComponent(path2, "GABRA1");
        Assert.Equal("qsar_gp:GABRA1", c1.Name);
        Assert.NotEqual(c1.Version, c2.Version);

        var cache = new InMemoryScoreCache();
        var cached = c1.WithCache(cache);
        var mols = new[] { ScoringMolecule.FromSmiles(data.Records[100].Smiles), new ScoringMolecule("bad-key", "C1CC"), ScoringMolecule.FromSmiles("CCO") };
        var first = await cached.ComputeAsync(mols, default);
        Assert.False(first[0].Failed);
        Assert.True(first[1].Failed);
        Assert.False(first[2].Failed);
        Assert.Equal(((IFingerprintQsarModel)c1.Model).Predict(mols[0].Morgan2).Mean, first[0].Value);
        Assert.Equal(3, cache.Count);
        var second = await cached.ComputeAsync(mols, default);
        Assert.Equal(first, second);
        Assert.Equal(3, cache.Count);
        // A different model version does not see the first model's cached values.
        Assert.Empty(await cache.GetManyAsync(c2.Name, c2.Version, mols.Select(m => m.Key).ToArray(), default));
    }
}
