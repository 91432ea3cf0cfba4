namespace MolGrid.Molecules;

/// <summary>What a file holds for one molecule, before parsing.</summary>
/// <param name="Path">The file it came from.</param>
/// <param name="Number">1-based record number (data rows of a SMILES file, records of an SDF).</param>
/// <param name="Line">1-based line where the record starts.</param>
/// <param name="Id">The id/name column or the SDF title; the record number when the file has none.</param>
/// <param name="Text">The SMILES, or the mol block of an SDF record; null when the record has none.</param>
/// <param name="Format">"smiles" or "molblock".</param>
/// <param name="Properties">Other columns, or the SDF data fields.</param>
/// <param name="Error">Why the record itself is unusable (e.g. a missing column), before any parsing.</param>
public sealed record MoleculeFileRecord(
    string Path,
    int Number,
    int Line,
    string Id,
    string? Text,
    string Format,
    IReadOnlyDictionary<string, string> Properties,
    string? Error = null)
{
    /// <summary>Where the record is, for messages: "file.smi line 12" / "file.sdf record 3 (line 40)".</summary>
    public string Location => Format == "molblock" ? $"{Path} record {Number} (line {Line})" : $"{Path} line {Line}";

    /// <summary>Parses the record; throws <see cref="MoleculeFileException"/> naming the file and line.</summary>
    public Molecule Parse()
    {
        if (Error is not null || Text is null) throw new MoleculeFileException(Path, $"{LocationInFile}: {Error ?? "no molecule"}");
        try
        {
            return Format == "molblock" ? MoleculeParser.ParseMolBlock(Text) : MoleculeParser.ParseSmiles(Text);
        }
        catch (InvalidMoleculeException e)
        {
            throw new MoleculeFileException(Path, $"{LocationInFile}: '{Shorten(e.Input)}': {e.Reason}", e);
        }
    }

    private string LocationInFile => Format == "molblock" ? $"record {Number} (line {Line})" : $"line {Line}";

    private static string Shorten(string s) => s.Length > 60 ? s[..60] + "..." : s;
}

/// <summary>One record read from a file: the molecule, or why there is none. Dispose to free the molecule.</summary>
public sealed class MoleculeReadResult(MoleculeFileRecord record, Molecule? molecule, string? error) : IDisposable
{
    public MoleculeFileRecord Record { get; } = record;

    public Molecule? Molecule { get; } = molecule;

    /// <summary>The reason, naming file and line, when <see cref="Molecule"/> is null.</summary>
    public string? Error { get; } = error;

    public bool IsValid => Molecule is not null;

    public void Dispose() => Molecule?.Dispose();
}
