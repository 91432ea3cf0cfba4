namespace MolGrid.Molecules.Tests;

public sealed class MoleculeFilesTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("molgrid-files-");

    public void Dispose() => _dir.Delete(true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir.FullName, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void ShippedWehiCsvReadsAsTenThousandMoleculesWithIds()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "..", "..", "..", "..", "..", "..", "samples", "wehi_10k.csv");
        var records = MoleculeFiles.ReadRecords(Path.GetFullPath(path)).ToArray();
        Assert.Equal(10_000, records.Length);
        Assert.Equal("WEHI-0039854", records[0].Id);
        Assert.Equal(WehiReference.Load.Text(0, "smiles"), records[0].Text);
        Assert.All(records, r => Assert.Null(r.Error));
    }

    [Fact]
    public void CsvWithHeaderFindsSmilesAndIdColumnsByName()
    {
        var path = Write("set.csv", "name,pIC50,SMILES\nethanol,5.1,CCO\n\"acid, acetic\",4.0,CC(=O)O\n");
        var records = MoleculeFiles.ReadRecords(path).ToArray();
        Assert.Equal(["ethanol", "acid, acetic"], records.Select(r => r.Id));
        Assert.Equal(["CCO", "CC(=O)O"], records.Select(r => r.Text));
        Assert.Equal("5.1", records[0].Properties["pIC50"]);
        Assert.Equal(2, records[0].Line);
    }

    [Fact]
    public void TsvAndSmiFilesAndExplicitColumns()
    {
        var tsv = Write("set.tsv", "cid\tstructure\tother\nA1\tc1ccccc1\tx\n");
        var r = MoleculeFiles.ReadRecords(tsv, new SmilesFileOptions { SmilesColumn = "structure", IdColumn = "cid" }).Single();
        Assert.Equal(("A1", "c1ccccc1"), (r.Id, r.Text));
        var smi = Write("set.smi", "# comment\nCCO ethanol\n\nc1ccccc1\n");
        var records = MoleculeFiles.ReadRecords(smi).ToArray();
        Assert.Equal(["ethanol", "2"], records.Select(x => x.Id));
        Assert.Equal([2, 4], records.Select(x => x.Line));
    }

    [Fact]
    public void MissingNamedColumnIsAFileErrorNamingTheColumns()
    {
        var path = Write("set.csv", "id,smiles\n1,CCO\n");
        var e = Assert.Throws<MoleculeFileException>(() => MoleculeFiles.ReadRecords(path, new SmilesFileOptions { SmilesColumn = "canonical" }).ToArray());
        Assert.Contains("canonical", e.Message);
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void BadRecordsAreReportedWithLineAndTheRestIsRead()
    {
        var path = Write("mixed.csv", "smiles,id\nCCO,a\nC1CC,b\n,c\nc1ccccc1,d\n");
        var results = MoleculeFiles.Read(path).ToArray();
        try
        {
            Assert.Equal([true, false, false, true], results.Select(r => r.IsValid));
            Assert.Contains("line 3", results[1].Error);
            Assert.Contains("C1CC", results[1].Error);
            Assert.Contains(path, results[1].Error);
            Assert.Contains("line 4", results[2].Error);
            Assert.Contains("no SMILES", results[2].Error);
        }
        finally
        {
            foreach (var r in results) r.Dispose();
        }
        var strict = Assert.Throws<MoleculeFileException>(() => MoleculeFiles.Read(path, strict: true).Select(r => { r.Dispose(); return 0; }).ToArray());
        Assert.Contains("line 3", strict.Message);
    }

    [Fact]
    public void BinaryGarbageIsAFileError()
    {
        var path = Path.Combine(_dir.FullName, "garbage.smi");
        var bytes = new byte[512];
        new Random(3).NextBytes(bytes);
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<MoleculeFileException>(() => MoleculeFiles.Read(path).ToArray());
        Assert.Contains(path, e.Message);
        var nul = Write("nul.csv", "smiles\nCC\0O\n");
        Assert.Contains("NUL", Assert.Throws<MoleculeFileException>(() => MoleculeFiles.ReadRecords(nul).ToArray()).Message);
    }

    [Fact]
    public void MissingFileAndUnknownExtensionAreFileErrors()
    {
        Assert.Contains("not found", Assert.Throws<MoleculeFileException>(() => MoleculeFiles.ReadRecords(Path.Combine(_dir.FullName, "none.smi"))).Reason);
        var odd = Write("set.xyz", "CCO\n");
        Assert.Contains(".xyz", Assert.Throws<MoleculeFileException>(() => MoleculeFiles.ReadRecords(odd)).Reason);
    }

    private static string MolBlock(string smiles, string title)
    {
        using var m = MoleculeParser.ParseSmiles(smiles);
        var block = MoleculeWriter.MolBlock(m);
        return title + block[block.IndexOf('\n')..];
    }

    [Fact]
    public void SdfRecordsWithDataFields()
    {
        var sdf = MolBlock("CCO", "ethanol") + "> <pIC50>\n5.5\n\n> <note>\nline one\nline two\n\n$$$$\n" + MolBlock("c1ccccc1", "benzene") + "$$$$\n";
        var path = Write("set.sdf", sdf);
        var results = MoleculeFiles.Read(path).ToArray();
        Assert.Equal(["ethanol", "benzene"], results.Select(r => r.Record.Id));
        Assert.Equal("5.5", results[0].Record.Properties["pIC50"]);
        Assert.Equal("line one\nline two", results[0].Record.Properties["note"]);
        Assert.Equal("CCO", MoleculeWriter.CanonicalSmiles(results[0].Molecule!));
        Assert.Equal("c1ccccc1", MoleculeWriter.CanonicalSmiles(results[1].Molecule!));
        foreach (var r in results) r.Dispose();
    }

    [Fact]
    public void TruncatedSdfRecordIsReportedWithRecordNumber()
    {
        var full = MolBlock("CCO", "ok") + "$$$$\n";
        var second = MolBlock("CCN", "cut");
        var path = Write("cut.sdf", full + second[..(second.Length / 2)]);
        var results = MoleculeFiles.Read(path).ToArray();
        Assert.Equal(2, results.Length);
        Assert.True(results[0].IsValid);
        Assert.False(results[1].IsValid);
        Assert.Contains("record 2", results[1].Error);
        Assert.Contains("truncated", results[1].Error);
        foreach (var r in results) r.Dispose();
        Assert.Throws<MoleculeFileException>(() => MoleculeFiles.Read(path, strict: true).Select(r => { r.Dispose(); return 0; }).ToArray());
    }

    [Fact]
    public void GzipFilesAreRead()
    {
        var path = Path.Combine(_dir.FullName, "set.smi.gz");
        using (var gz = new System.IO.Compression.GZipStream(File.Create(path), System.IO.Compression.CompressionLevel.Fastest))
        using (var w = new StreamWriter(gz)) w.Write("CCO e\nCCC p\n");
        Assert.Equal(["e", "p"], MoleculeFiles.ReadRecords(path).Select(r => r.Id));
    }
}
