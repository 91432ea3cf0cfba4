using MolGrid.Pipelines.Expression;

namespace MolGrid.Pipelines.Tests.Expression;

/// <summary>Every kind of bad expression input gives a typed error naming file, line/column and reason, or a
/// documented, reported treatment; never a silently wrong number.</summary>
public sealed class BadExpressionInputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("molgrid-expr-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private const string Header = "probe,description,A_1,A_2,A_3,B_1,B_2,B_3\n";

    private static string Rows(int n, int seed = 1)
    {
        var rng = new Random(seed);
        var sb = new System.Text.StringBuilder();
        for (var i = 0; i < n; i++)
        {
            sb.Append($"g{i},G{i} gene {i}");
            for (var j = 0; j < 6; j++) sb.Append(',').Append((rng.NextDouble() * 2 + (j < 3 && i == 0 ? 5 : 0)).ToString("R", System.Globalization.CultureInfo.InvariantCulture));
            sb.Append('\n');
        }
        return sb.ToString();
    }

    private DifferentialExpressionResult Analyse(string path) =>
        DifferentialExpression.Run(ExpressionMatrixReader.Read(path), SampleGroups.FromPrefixes(ExpressionMatrixReader.Read(path), "A", "B"));

    [Fact]
    public void GenesWithMissingValuesAreDroppedAndReported()
    {
        var path = Write("na.csv", Header + Rows(20) + "gNA,x,1,NA,2,3,,4\n");
        var clean = Analyse(Write("clean.csv", Header + Rows(20)));
        var r = Analyse(path);
        var d = Assert.Single(r.Dropped);
        Assert.Equal("gNA", d.Probe);
        Assert.Contains("missing value in 2", d.Reason);
        Assert.DoesNotContain(r.Genes, g => g.Probe == "gNA");
        // The other genes are analysed exactly as without the bad row.
        Assert.Equal(clean.Genes.Select(g => (g.Probe, g.T)), r.Genes.Select(g => (g.Probe, g.T)));
    }

    [Fact]
    public void ConstantGeneIsDroppedAndReported()
    {
        var r = Analyse(Write("const.csv", Header + Rows(20) + "gC,x,7,7,7,7,7,7\ngZ,y,1,1,1,2,2,2\n"));
        Assert.Equal(["gC", "gZ"], r.Dropped.Select(d => d.Probe));
        Assert.Contains("constant", r.Dropped[0].Reason);
        Assert.Contains("variance 0", r.Dropped[1].Reason);
        Assert.All(r.Genes, g => Assert.True(double.IsFinite(g.T) && double.IsFinite(g.P)));
    }

    [Fact]
    public void OneSampleInAGroupIsRefused()
    {
        var path = Write("one.csv", "probe,A_1,B_1,B_2\ng1,1,2,3\ng2,2,3,1\n");
        var m = ExpressionMatrixReader.Read(path);
        var e = Assert.Throws<ExpressionDataException>(() => SampleGroups.FromPrefixes(m, "A", "B"));
        Assert.Contains(path, e.Message);
        Assert.Contains("group 'A' has 1 sample", e.Message);
    }

    [Fact]
    public void UnknownSampleInSheetIsRefused()
    {
        var path = Write("m.csv", Header + Rows(5));
        var sheet = Write("sheet.csv", "sample,group\nA_1,case\nA_2,case\nA_9,case\nB_1,ctrl\nB_2,ctrl\n");
        var e = Assert.Throws<ExpressionDataException>(() => SampleGroups.FromSheet(ExpressionMatrixReader.Read(path), sheet, "case", "ctrl"));
        Assert.Contains("sheet.csv", e.Message);
        Assert.Contains("line 4", e.Message);
        Assert.Contains("'A_9' is not a column", e.Message);
    }

    [Fact]
    public void SampleSheetGroupsMatchPrefixGroups()
    {
        var path = Write("m.csv", Header + Rows(30));
        var sheet = Write("sheet.csv", "sample,group\nB_3,ctrl\nA_1,case\nA_2,case\nA_3,case\nB_1,ctrl\nB_2,ctrl\n");
        var m = ExpressionMatrixReader.Read(path);
        var bySheet = DifferentialExpression.Run(m, SampleGroups.FromSheet(m, sheet, "case", "ctrl"));
        var byPrefix = DifferentialExpression.Run(m, SampleGroups.FromPrefixes(m, "A", "B"));
        Assert.Equal(byPrefix.Genes.Select(g => (g.Probe, g.T)), bySheet.Genes.Select(g => (g.Probe, g.T)));
        Assert.Equal("g0", byPrefix.Genes[0].Probe); // the planted difference ranks first
    }

    [Fact]
    public void NonNumericCellNamesLineAndColumn()
    {
        var path = Write("bad.csv", Header + Rows(3) + "gX,x,1,2,abc,4,5,6\n");
        var e = Assert.Throws<ExpressionDataException>(() => ExpressionMatrixReader.Read(path));
        Assert.Contains("bad.csv", e.Message);
        Assert.Contains("line 5, column 'A_3'", e.Message);
        Assert.Contains("'abc' is not a number", e.Message);
        Assert.IsAssignableFrom<InvalidInputException>(e);
    }

    [Fact]
    public void DuplicateSampleNamesAreRefused()
    {
        var e = Assert.Throws<ExpressionDataException>(() => ExpressionMatrixReader.Read(Write("dup.csv", "probe,A_1,A_1,B_1,B_2\ng,1,2,3,4\n")));
        Assert.Contains("line 1, column 'A_1': duplicate sample name", e.Message);
    }

    [Fact]
    public void RaggedRowsAreRefused()
    {
        var e = Assert.Throws<ExpressionDataException>(() => ExpressionMatrixReader.Read(Write("rag.csv", Header + Rows(2) + "g9,x,1,2,3\n")));
        Assert.Contains("line 4: ragged row: 5 fields where the header has 8", e.Message);
    }

    [Fact]
    public void MissingFileIsInvalidInput()
    {
        var e = Assert.Throws<ExpressionDataException>(() => ExpressionMatrixReader.Read(Path.Combine(_dir, "nope.csv")));
        Assert.Contains("file not found", e.Message);
    }

    [Fact]
    public void TsvAndGctReadLikeCsv()
    {
        var csv = ExpressionMatrixReader.Read(Write("m.csv", Header + Rows(10)));
        var tsvText = (Header + Rows(10)).Replace(',', '\t');
        var tsv = ExpressionMatrixReader.Read(Write("m.tsv", tsvText));
        var gctText = "#1.2\n10\t6\n" + tsvText.Replace("probe\tdescription", "Name\tDescription");
        var gct = ExpressionMatrixReader.Read(Write("m.gct", gctText));
        foreach (var other in new[] { tsv, gct })
        {
            Assert.Equal(csv.Samples, other.Samples);
            Assert.Equal(csv.Probes, other.Probes);
            Assert.Equal(csv.Annotations, other.Annotations);
            Assert.Equal(csv.Values.SelectMany(v => v), other.Values.SelectMany(v => v));
        }
        var wrongDims = Write("w.gct", "#1.2\n11\t6\n" + tsvText.Replace("probe\tdescription", "Name\tDescription"));
        Assert.Contains("GCT declares 11 rows", Assert.Throws<ExpressionDataException>(() => ExpressionMatrixReader.Read(wrongDims)).Message);
    }

    [Theory]
    [InlineData("PGD Phosphogluconate dehydrogenase", "PGD")]
    [InlineData("KIAA0159 gene", "KIAA0159")]
    [InlineData("GB DEF = Nedd-4-like ubiquitin-protein ligase WWP1 mRNA, partial cds", null)]
    [InlineData("ATP SYNTHASE GAMMA CHAIN, MITOCHONDRIAL PRECURSOR", null)]
    [InlineData("AFFX-HUMGAPDH/M33197_5_at (endogenous control)", null)]
    [InlineData("DNA polymerase alpha-subunit", null)]
    [InlineData("Calcyclin", null)]
    public void GeneSymbolFromAnnotation(string annotation, string? symbol) => Assert.Equal(symbol, GeneSymbols.FromAnnotation(annotation));
}
