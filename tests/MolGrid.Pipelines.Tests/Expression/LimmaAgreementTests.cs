using MolGrid.Pipelines.Expression;

namespace MolGrid.Pipelines.Tests.Expression;

/// <summary>
/// Compares MolGrid's differential expression with R on the shipped Golub data. The reference values come
/// from R's limma 3.54.1 (lmFit, eBayes, topTable(number=Inf)), t.test and p.adjust, produced by
/// Fixtures/limma_golub.R (committed beside the CSVs it wrote).
/// Tolerances: logFC and AveExpr absolute 1e-9; t, P.Value, adj.P.Val relative 1e-6 (p-values reach 1e-13, so
/// an absolute bound would test nothing); B absolute 1e-6.
/// </summary>
public class LimmaAgreementTests
{
    private static readonly Lazy<DifferentialExpressionResult> Golub = new(() =>
    {
        var m = ExpressionMatrixReader.Read(RepoFiles.GolubCsv);
        return DifferentialExpression.Run(m, SampleGroups.FromPrefixes(m, "AML", "ALL"));
    });

    private static void Relative(double expected, double actual, double tol, string what)
    {
        var scale = Math.Max(Math.Abs(expected), 1e-300);
        Assert.True(Math.Abs(expected - actual) / scale <= tol, $"{what}: expected {expected:R}, got {actual:R}");
    }

    private static void Absolute(double expected, double actual, double tol, string what) =>
        Assert.True(Math.Abs(expected - actual) <= tol, $"{what}: expected {expected:R}, got {actual:R}");

    [Fact]
    public void EveryGeneMatchesLimmaTopTable()
    {
        var rows = RepoFiles.ReadCsv(RepoFiles.Fixture("limma_golub_toptable.csv"));
        var header = rows[0];
        Assert.Equal(["probe", "logFC", "AveExpr", "t", "P.Value", "adj.P.Val", "B"], header);
        var result = Golub.Value;
        Assert.Empty(result.Dropped);
        Assert.Equal(rows.Count - 1, result.Genes.Count);
        for (var k = 1; k < rows.Count; k++)
        {
            var r = rows[k];
            var g = result.Genes[k - 1];
            Assert.True(r[0] == g.Probe, $"rank {k}: limma has {r[0]}, MolGrid has {g.Probe}");
            Absolute(RepoFiles.Num(r[1]), g.LogFC, 1e-9, $"{g.Probe} logFC");
            Absolute(RepoFiles.Num(r[2]), g.AveExpr, 1e-9, $"{g.Probe} AveExpr");
            Relative(RepoFiles.Num(r[3]), g.T, 1e-6, $"{g.Probe} t");
            Relative(RepoFiles.Num(r[4]), g.P, 1e-6, $"{g.Probe} P.Value");
            Relative(RepoFiles.Num(r[5]), g.AdjP, 1e-6, $"{g.Probe} adj.P.Val");
            Absolute(RepoFiles.Num(r[6]), g.B, 1e-6, $"{g.Probe} B");
        }
    }

    [Fact]
    public void PriorMatchesLimmaFitFDist()
    {
        var row = RepoFiles.ReadCsv(RepoFiles.Fixture("limma_golub_prior.csv"))[1];
        var result = Golub.Value;
        Relative(RepoFiles.Num(row[0]), result.PriorDf, 1e-6, "df.prior");
        Relative(RepoFiles.Num(row[1]), result.PriorVariance, 1e-6, "s2.prior");
        Assert.Equal(RepoFiles.Num(row[2]), result.ResidualDf);
    }

    [Fact]
    public void WelchMatchesRTTest()
    {
        var rows = RepoFiles.ReadCsv(RepoFiles.Fixture("welch_golub.csv")).Skip(1).ToList();
        Assert.NotEmpty(rows);
        var byProbe = Golub.Value.Genes.ToDictionary(g => g.Probe);
        foreach (var r in rows)
        {
            var g = byProbe[r[0]];
            Relative(RepoFiles.Num(r[1]), g.WelchT, 1e-9, $"{r[0]} Welch t");
            Relative(RepoFiles.Num(r[2]), g.WelchDf, 1e-9, $"{r[0]} Welch df");
            Relative(RepoFiles.Num(r[3]), g.WelchP, 1e-6, $"{r[0]} Welch p");
        }
    }

    [Fact]
    public void BenjaminiHochbergMatchesPAdjust()
    {
        var rows = RepoFiles.ReadCsv(RepoFiles.Fixture("bh_reference.csv")).Skip(1).ToList();
        var adjusted = BenjaminiHochberg.Adjust(rows.Select(r => RepoFiles.Num(r[0])).ToArray());
        for (var i = 0; i < rows.Count; i++) Absolute(RepoFiles.Num(rows[i][1]), adjusted[i], 1e-12, $"p[{i}]");
    }

    [Fact]
    public void PgdIsUpInAml()
    {
        var pgd = Golub.Value.Genes.Single(g => g.Probe == "U30255_at");
        Assert.Equal("PGD", pgd.Symbol);
        Assert.True(pgd.LogFC > 0 && pgd.AdjP < 0.05, $"PGD logFC {pgd.LogFC}, adj p {pgd.AdjP}");
    }
}
