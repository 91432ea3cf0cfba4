namespace MolGrid.Molecules;

/// <summary>A chemistry file (SMILES list, CSV/TSV, SDF) MolGrid cannot read, or a bad record in one; the
/// message names the file and the line or record.</summary>
public sealed class MoleculeFileException(string path, string reason, Exception? inner = null)
    : ChemistryException(path, reason, inner);
