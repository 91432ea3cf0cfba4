using MolGrid.Molecules;
using System.Text.Json;

namespace MolGrid.Cli.Tests;

/// <summary>`molgrid mol ...`, `molgrid demo` and `molgrid bench chem` run as a child process.</summary>
public sealed class MolCommandsTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("molgrid-cli-");

    public void Dispose() => _dir.Delete(true);

    private static void AssertBadInput(CliProcess.Result r, string named)
    {
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("", r.StdOut);
        Assert.Contains(named, r.StdErr);
        Assert.DoesNotContain("   at ", r.StdErr);
        Assert.DoesNotContain("Exception", r.StdErr);
    }

    [Fact]
    public void DescribePrintsJsonMatchingRdkitPython()
    {
        var r = CliProcess.Run("mol", "describe", "OC(=O)c1ccccc1OC(C)=O");
        Assert.Equal(0, r.ExitCode);
        var json = JsonDocument.Parse(r.StdOut).RootElement;
        // Reference values from python3-rdkit 2022.09.3 (MolToSmiles, QED.qed, Contrib sascorer, CalcMolFormula,
        // MurckoScaffold.GetScaffoldForMol, CalcTPSA) with legacy stereo perception off.
        Assert.Equal("OC(=O)c1ccccc1OC(C)=O", json.GetProperty("input").GetString());
        Assert.Contains("\"canonical_smiles\": \"CC(=O)Oc1ccccc1C(=O)O\"", r.StdOut); // readable, not \u-escaped
        Assert.Equal("CC(=O)Oc1ccccc1C(=O)O", json.GetProperty("canonical_smiles").GetString());
        Assert.Equal("C9H8O4", json.GetProperty("formula").GetString());
        Assert.Equal(0.5501217966938848, json.GetProperty("qed").GetDouble(), 1e-9);
        Assert.Equal(1.580039750008826, json.GetProperty("sa_score").GetDouble(), 1e-9);
        Assert.Equal("c1ccccc1", json.GetProperty("murcko_scaffold").GetString());
        Assert.Equal(63.6, json.GetProperty("descriptors").GetProperty("tpsa").GetDouble(), 1e-9);
        Assert.Equal(19, json.GetProperty("descriptors").EnumerateObject().Count());
        Assert.Matches("^MG1-[A-Z2-7]{26}$", json.GetProperty("key").GetString());
        Assert.Contains(json.GetProperty("alerts").EnumerateArray(), a => a.GetProperty("catalog").GetString() == "Brenk");
    }

    [Theory]
    [InlineData("C1CC")]
    [InlineData("C(C")]
    [InlineData("CCé")]
    [InlineData("[Xx]C")]
    [InlineData("C(C)(C)(C)(C)C")]
    public void DescribeBadSmilesIsExitTwoWithNothingOnStdout(string smiles)
    {
        AssertBadInput(CliProcess.Run("mol", "describe", smiles), smiles);
    }

    [Fact]
    public void DescribeEmptyAndWhitespaceAreBadInput()
    {
        AssertBadInput(CliProcess.Run("mol", "describe", ""), "empty");
        AssertBadInput(CliProcess.Run("mol", "describe", "   "), "empty");
    }

    [Fact]
    public void TwentyThousandAtomChainIsRefusedAndTheProcessSurvives()
    {
        var r = CliProcess.Run("mol", "describe", new string('C', 20_000));
        AssertBadInput(r, "20000 chars");
        AssertBadInput(CliProcess.Run("mol", "describe", new string('C', 1_001)), "1001 atoms");
    }

    [Fact]
    public void SearchFindsTheQueryItselfFirstInEveryFormat()
    {
        var samples = Path.Combine(CliProcess.RepoRoot, "samples", "wehi_10k.csv");
        var query = "N(NC(=O)C1CCC1)c2ccc(cc2)C(C)(C)C";
        var table = CliProcess.Run("mol", "search", "--in", samples, "--query", query, "-k", "3");
        Assert.Equal(0, table.ExitCode);
        var lines = table.StdOut.Trim().Split('\n');
        Assert.Equal(4, lines.Length);
        Assert.Contains("WEHI-0039854", lines[1]);
        Assert.Contains("1.0000", lines[1]);

        var json = JsonDocument.Parse(CliProcess.Run("mol", "search", "--in", samples, "--query", query, "-k", "3", "--format", "json").StdOut).RootElement;
        Assert.Equal(3, json.GetArrayLength());
        Assert.Equal("WEHI-0039854", json[0].GetProperty("id").GetString());
        // Second neighbour and its similarity from RDKit's BulkTanimotoSimilarity (Molecules fixture, query 0).
        Assert.Equal("WEHI-0092723", json[1].GetProperty("id").GetString());
        Assert.Equal(0.5434782608695652, json[1].GetProperty("similarity").GetDouble(), 1e-12);

        var csv = CliProcess.Run("mol", "search", "--in", samples, "--query", query, "--threshold", "0.4", "--format", "csv");
        Assert.Equal(0, csv.ExitCode);
        Assert.Equal("rank,id,smiles,similarity", csv.StdOut.Split('\n')[0]);
        Assert.Equal(4 + 1, csv.StdOut.Trim().Split('\n').Length); // 4 molecules reach 0.4 (BulkTanimoto fixture)
    }

    [Fact]
    public void SearchBadInputsAreExitTwo()
    {
        var samples = Path.Combine(CliProcess.RepoRoot, "samples", "wehi_10k.csv");
        AssertBadInput(CliProcess.Run("mol", "search", "--in", samples, "--query", "C1CC"), "C1CC");
        AssertBadInput(CliProcess.Run("mol", "search", "--in", Path.Combine(_dir.FullName, "missing.smi"), "--query", "CCO"), "missing.smi");
        AssertBadInput(CliProcess.Run("mol", "search", "--in", samples, "--query", "CCO", "--threshold", "1.5"), "threshold");

        var broken = Path.Combine(_dir.FullName, "broken.csv");
        File.WriteAllText(broken, "smiles,id\nCCO,a\nC1CC,b\n");
        var r = CliProcess.Run("mol", "search", "--in", broken, "--query", "CCO");
        AssertBadInput(r, "broken.csv");
        Assert.Contains("line 3", r.StdErr);
        var skipped = CliProcess.Run("mol", "search", "--in", broken, "--query", "CCO", "--skip-invalid");
        Assert.Equal(0, skipped.ExitCode);
        Assert.Contains("skipped 1", skipped.StdErr);

        var garbage = Path.Combine(_dir.FullName, "garbage.smi");
        var bytes = new byte[300];
        new Random(5).NextBytes(bytes);
        File.WriteAllBytes(garbage, bytes);
        AssertBadInput(CliProcess.Run("mol", "search", "--in", garbage, "--query", "CCO"), "garbage.smi");

        var noColumn = Path.Combine(_dir.FullName, "cols.csv");
        File.WriteAllText(noColumn, "id,structure\n1,CCO\n");
        AssertBadInput(CliProcess.Run("mol", "search", "--in", noColumn, "--query", "CCO", "--smiles-column", "smiles"), "smiles");
    }

    [Fact]
    public void DepictAndEmbedWriteFiles()
    {
        var svg = Path.Combine(_dir.FullName, "x.svg");
        Assert.Equal(0, CliProcess.Run("mol", "depict", "c1ccccc1O", "--out", svg).ExitCode);
        Assert.Equal("svg", System.Xml.Linq.XDocument.Load(svg).Root!.Name.LocalName);
        var sdf = Path.Combine(_dir.FullName, "x.sdf");
        var r = CliProcess.Run("mol", "embed", "CCO", "--out", sdf, "--seed", "3");
        Assert.Equal(0, r.ExitCode);
        var text = File.ReadAllText(sdf);
        Assert.Contains("M  END", text);
        Assert.Contains("> <MMFF_ENERGY>", text);
        Assert.EndsWith("$$$$\n", text);
        AssertBadInput(CliProcess.Run("mol", "embed", "C1CC", "--out", sdf), "C1CC");
        AssertBadInput(CliProcess.Run("mol", "depict", "CCO", "--out", Path.Combine(_dir.FullName, "no", "such", "dir.svg")), "dir.svg");
    }

    [Theory]
    [InlineData("mol")]
    [InlineData("mol", "describe")]
    [InlineData("mol", "search")]
    [InlineData("mol", "depict")]
    [InlineData("mol", "embed")]
    [InlineData("demo")]
    [InlineData("bench", "chem")]
    public void HelpAtEveryLevel(params string[] command)
    {
        var r = CliProcess.Run([.. command, "--help"]);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("Usage", r.StdOut);
    }

    [Fact]
    public void DemoRunsTheMainJobOnTheEmbeddedGridAndRanksTheSameTwice()
    {
        // A demo takes about 20 s. The limit is generous for a loaded CI machine; a run that overruns it reports
        // its output and native stacks (so a hang shows where it hangs).
        var limit = TimeSpan.FromMinutes(8);
        var first = CliProcess.RunFor(limit, "demo", "--data", Path.Combine(_dir.FullName, "demo-a"));
        Assert.True(first.ExitCode == 0, first.StdErr);
        Assert.Contains("WEHI-0039854", first.StdOut);
        Assert.Contains("QED", first.StdOut);
        Assert.Contains("Nearest neighbours", first.StdOut);
        // PGD is up in AML in the Golub data (limma), so it heads the target ranking.
        Assert.Matches(@"\n1\. PGD +up in AML", first.StdOut);
        Assert.Contains("Completed: 300 molecules scored", first.StdOut);

        // The same seed on a fresh embedded grid gives the same best ten, each a valid molecule.
        var second = CliProcess.RunFor(limit, "demo", "--data", Path.Combine(_dir.FullName, "demo-b"));
        Assert.True(second.ExitCode == 0, second.StdErr);
        var top = TopTen(first.StdOut);
        Assert.Equal(10, top.Length);
        Assert.Equal(top, TopTen(second.StdOut));
        foreach (var line in top)
            using (MoleculeParser.ParseSmiles(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1])) { }
    }

    private static string[] TopTen(string stdout) =>
        stdout.Split('\n').SkipWhile(l => !l.StartsWith("rank  score")).Skip(1).TakeWhile(l => l.StartsWith(' ')).ToArray();

    [Fact]
    public void BenchChemAgreesWithRdkitPythonAndEndsWithTheRatioLine()
    {
        var small = Path.Combine(_dir.FullName, "small.smi");
        File.WriteAllLines(small, File.ReadLines(Path.Combine(CliProcess.RepoRoot, "samples", "wehi_10k.csv")).Take(300)
            .Select(l => l.Split(',')[0].Trim('"')));
        var r = CliProcess.Run("bench", "chem", "--in", small, "--queries", "10", "-k", "5", "--rounds", "1");
        Assert.True(r.ExitCode == 0, r.StdErr);
        Assert.Contains("canonical SMILES 300/300 identical", r.StdOut);
        Assert.Contains("top-5 10/10 identical", r.StdOut);
        Assert.Matches(@"^featurize x\d+\.\d\d tanimoto x\d+\.\d\d$", r.StdOut.TrimEnd('\n').Split('\n')[^1]);
    }
}
