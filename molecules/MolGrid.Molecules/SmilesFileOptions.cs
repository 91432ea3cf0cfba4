namespace MolGrid.Molecules;

/// <summary>How to read a SMILES table.</summary>
public sealed class SmilesFileOptions
{
    /// <summary>Name of the SMILES column when the file has a header (case-insensitive); without a header, or
    /// when no column has this name or one of the usual ones, the first column is used.</summary>
    public string? SmilesColumn { get; init; }

    /// <summary>Name of the id column (case-insensitive); defaults to a column called id, name, title,
    /// compound_id or mol_id, else the second column of a header-less file.</summary>
    public string? IdColumn { get; init; }

    /// <summary>Force header handling; null detects it (a header names a SMILES column, or its first field is
    /// not a SMILES while the next line's is).</summary>
    public bool? HasHeader { get; init; }
}
