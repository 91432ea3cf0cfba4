using MolGrid.Molecules;

namespace MolGrid.Pipelines.Scoring;

/// <summary>
/// A molecule on its way through scoring: its key and canonical SMILES, plus the parsed molecule and the
/// features most components need, each computed once on first use and shared by every component of a
/// scoring function. Owned by one thread at a time (RDKit molecules are not safe to share).
/// </summary>
public sealed class ScoringMolecule : IDisposable
{
    private Molecule? _molecule;
    private MolDescriptors? _descriptors;
    private BitFingerprint? _morgan;
    private string? _parseError;

    public ScoringMolecule(string key, string smiles)
    {
        Key = key;
        Smiles = smiles;
    }

    /// <summary>Parses the SMILES and derives the key from its canonical form.</summary>
    public static ScoringMolecule FromSmiles(string smiles)
    {
        var mol = MoleculeParser.ParseSmiles(smiles);
        var canonical = MoleculeWriter.CanonicalSmiles(mol);
        return new ScoringMolecule(MoleculeKey.FromCanonicalSmiles(canonical), canonical) { _molecule = mol };
    }

    public string Key { get; }

    public string Smiles { get; }

    /// <summary>The parsed molecule; throws <see cref="InvalidMoleculeException"/> if the SMILES is invalid.</summary>
    public Molecule Molecule
    {
        get
        {
            if (_molecule is not null) return _molecule;
            if (_parseError is not null) throw new InvalidMoleculeException(Smiles, _parseError);
            if (!MoleculeParser.TryParseSmiles(Smiles, out _molecule, out _parseError))
                throw new InvalidMoleculeException(Smiles, _parseError!);
            return _molecule!;
        }
    }

    public MolDescriptors Descriptors => _descriptors ??= MolGrid.Molecules.Descriptors.Compute(Molecule);

    /// <summary>Morgan radius 2, 2048 bits (ECFP4-like).</summary>
    public BitFingerprint Morgan2 => _morgan ??= Fingerprints.MorganBits(Molecule, 2, 2048);

    public void Dispose() => _molecule?.Dispose();
}
