using MolGrid.Molecules.Native;

namespace MolGrid.Molecules;

/// <summary>Cutting molecules into fragments.</summary>
public static class Fragmentation
{
    /// <summary>Breaks the listed bonds, capping both ends with dummy atoms labelled
    /// <paramref name="dummyLabel"/> (as Chem.FragmentOnBonds with dummyLabels); returns the fragments'
    /// SMILES.</summary>
    public static unsafe string[] FragmentOnBonds(Molecule mol, IReadOnlyList<int> bondIndices, int dummyLabel = 0)
    {
        var bonds = bondIndices.ToArray();
        var count = mol.BondCount;
        foreach (var b in bonds)
            if (b < 0 || b >= count) throw new ArgumentOutOfRangeException(nameof(bondIndices), b, $"molecule has {count} bonds");
        // RDKit 2022.09 deletes each listed bond in turn and touches freed memory when one is listed twice.
        if (bonds.Distinct().Count() != bonds.Length)
            throw new ArgumentException($"bond indices must be distinct: {string.Join(", ", bonds)}", nameof(bondIndices));
        fixed (int* p = bonds)
            return MoleculeWriter.Take(RdkitNative.mg_mol_fragment_on_bonds(mol.Handle, p, bonds.Length, dummyLabel), mol).Split('.');
    }

    /// <summary>Index of the bond joining two atoms, or -1.</summary>
    public static int BondBetween(Molecule mol, int atomA, int atomB) => RdkitNative.mg_mol_bond_between(mol.Handle, atomA, atomB);

    /// <summary>Fragments at BRICS bonds (as BRICS.BreakBRICSBonds); dummy atoms carry the BRICS
    /// environment label as isotope, e.g. [4*].</summary>
    public static string[] BricsFragments(Molecule mol) =>
        MoleculeWriter.Take(RdkitNative.mg_mol_brics_fragments(mol.Handle), mol).Split('.');

    /// <summary>Bemis-Murcko scaffold as canonical SMILES; empty for acyclic molecules.</summary>
    public static string MurckoScaffold(Molecule mol) => MoleculeWriter.Take(RdkitNative.mg_mol_murcko_scaffold(mol.Handle), mol);
}
