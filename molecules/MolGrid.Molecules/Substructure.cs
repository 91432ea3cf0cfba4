using MolGrid.Molecules.Native;

namespace MolGrid.Molecules;

/// <summary>Substructure search with SMARTS or SMILES queries.</summary>
public static class Substructure
{
    public static bool HasMatch(Molecule mol, Molecule query, bool useChirality = false)
    {
        var r = RdkitNative.mg_mol_has_substruct(mol.Handle, query.Handle, useChirality ? 1 : 0);
        if (r < 0) throw new InvalidMoleculeException(mol.Source, RdkitNative.LastError());
        return r == 1;
    }

    /// <summary>Every match as the molecule's atom indices, in query atom order (as GetSubstructMatches).</summary>
    public static unsafe IReadOnlyList<int[]> Matches(Molecule mol, Molecule query, bool uniquify = true, int maxMatches = 1000)
    {
        var n = RdkitNative.mg_mol_substruct_matches(mol.Handle, query.Handle, uniquify ? 1 : 0, maxMatches, out var atoms);
        if (n < 0) throw new InvalidMoleculeException(mol.Source, RdkitNative.LastError());
        try
        {
            var width = query.AtomCount;
            var all = new ReadOnlySpan<int>((void*)atoms, n * width);
            var result = new int[n][];
            for (var i = 0; i < n; i++) result[i] = all.Slice(i * width, width).ToArray();
            return result;
        }
        finally { RdkitNative.mg_free(atoms); }
    }

    /// <summary>A copy with every match of <paramref name="query"/> removed (as Chem.DeleteSubstructs).</summary>
    public static Molecule DeleteMatches(Molecule mol, Molecule query, bool onlyFragments = false) =>
        new(Molecule.Wrap(RdkitNative.mg_mol_delete_substructs(mol.Handle, query.Handle, onlyFragments ? 1 : 0), mol.Source), mol.Source);
}
