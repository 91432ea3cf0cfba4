using MolGrid.Pipelines.Expression;
using MolGrid.Pipelines.Targets;

namespace MolGrid.Pipelines.Tests.Targets;

public sealed class TargetRankingTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("molgrid-cat-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private static DifferentialExpressionResult Golub()
    {
        var m = ExpressionMatrixReader.Read(RepoFiles.GolubCsv);
        return DifferentialExpression.Run(m, SampleGroups.FromPrefixes(m, "AML", "ALL"));
    }

    [Fact]
    public void ShippedCatalogueLoadsWithItsFiles()
    {
        var cat = TargetCatalogue.Load(RepoFiles.Sample("targets", "catalogue.yaml"));
        var pgd = cat.Get("PGD");
        Assert.NotNull(pgd.Docking);
        Assert.Equal([23.50, 29.45, 39.78], pgd.Docking!.Center);
        Assert.True(File.Exists(pgd.Docking.ReceptorPath));
        Assert.Equal(TargetRole.AntiTarget, cat.Get("KCNH2").Role);
        Assert.Equal("hERG_pIC50", cat.Get("KCNH2").Qsar!.ActivityColumn);
        Assert.Null(cat.Get("CHEMBL2321810").Gene);
    }

    [Fact]
    public void GolubAmlVsAllMakesPgdACandidate()
    {
        var cat = TargetCatalogue.Load(RepoFiles.Sample("targets", "catalogue.yaml"));
        var ranked = TargetRanking.Rank(cat, Golub());
        var pgd = ranked.Single(r => r.Target.Id == "PGD");
        Assert.Equal(TargetEvidence.Candidate, pgd.Evidence);
        Assert.Equal(1, pgd.Rank);
        Assert.Equal("U30255_at", pgd.BestProbe!.Probe);
        Assert.Contains("up in AML", pgd.Reason);
        Assert.Equal(TargetEvidence.AntiTarget, ranked.Single(r => r.Target.Id == "KCNH2").Evidence);
    }

    [Fact]
    public void DirectionMatters()
    {
        // ALL vs AML flips the sign: PGD is then down in the case group and no inhibition target.
        var cat = TargetCatalogue.Load(RepoFiles.Sample("targets", "catalogue.yaml"));
        var m = ExpressionMatrixReader.Read(RepoFiles.GolubCsv);
        var flipped = DifferentialExpression.Run(m, SampleGroups.FromPrefixes(m, "ALL", "AML"));
        Assert.Equal(TargetEvidence.Down, TargetRanking.Rank(cat, flipped).Single(r => r.Target.Id == "PGD").Evidence);
    }

    [Fact]
    public void CataloguesWithMistakesAreRefusedWithTheKeyNamed()
    {
        File.WriteAllText(Path.Combine(_dir, "d.csv"), "smiles,pIC50\nCC,5\n");
        string Cat(string body)
        {
            var p = Path.Combine(_dir, $"c{Guid.NewGuid():N}.yaml");
            File.WriteAllText(p, body);
            return p;
        }
        Assert.Contains("version must be 1", Assert.Throws<CatalogueException>(() => TargetCatalogue.Load(Cat("version: 2\ntargets: []\n"))).Message);
        Assert.Contains("targets[0] (X).qsar.data: file 'missing.csv' not found",
            Assert.Throws<CatalogueException>(() => TargetCatalogue.Load(Cat("version: 1\ntargets:\n  - id: X\n    qsar: {data: missing.csv, activity_column: pIC50}\n"))).Message);
        Assert.Contains("needs 'qsar', 'docking' or both",
            Assert.Throws<CatalogueException>(() => TargetCatalogue.Load(Cat("version: 1\ntargets:\n  - id: X\n"))).Message);
        Assert.Contains("role must be",
            Assert.Throws<CatalogueException>(() => TargetCatalogue.Load(Cat("version: 1\ntargets:\n  - id: X\n    role: friend\n    qsar: {data: d.csv, activity_column: pIC50}\n"))).Message);
        Assert.Contains("duplicate id",
            Assert.Throws<CatalogueException>(() => TargetCatalogue.Load(Cat("version: 1\ntargets:\n  - id: X\n    qsar: {data: d.csv, activity_column: pIC50}\n  - id: x\n    qsar: {data: d.csv, activity_column: pIC50}\n"))).Message);
        Assert.Contains("line", Assert.Throws<CatalogueException>(() => TargetCatalogue.Load(Cat("version: 1\ntargets: [\n"))).Message);
    }
}
