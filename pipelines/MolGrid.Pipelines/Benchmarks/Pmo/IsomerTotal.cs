namespace MolGrid.Pipelines.Benchmarks.Pmo;

/// <summary>How an isomer score counts a molecule's atoms (see <see cref="IsomerScore"/>).</summary>
public enum IsomerTotal
{
    /// <summary>The molecule's formula, hydrogens included (GuacaMol; TDC 0.3.7 and later). MolGrid's default.</summary>
    Formula,

    /// <summary>TDC 0.3.6: the formula regex over the canonical SMILES string, to compare with PMO's published runs.</summary>
    SmilesRegex,
}
