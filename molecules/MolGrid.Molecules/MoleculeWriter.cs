using MolGrid.Molecules.Native;

namespace MolGrid.Molecules;

/// <summary>Writing molecules back out: canonical SMILES, SMARTS, mol blocks.</summary>
public static class MoleculeWriter
{
    /// <summary>RDKit's canonical SMILES (isomeric by default).</summary>
    public static string CanonicalSmiles(Molecule mol, bool isomeric = true) =>
        Take(RdkitNative.mg_mol_to_smiles(mol.Handle, isomeric ? 1 : 0, 1), mol);

    /// <summary>A randomised (non-canonical) SMILES of the molecule: atoms renumbered by a permutation drawn
    /// from <paramref name="seed"/>, then written in that order (Arus-Pous et al. 2019, "restricted"). The
    /// same seed gives the same string; used to augment SMILES language-model training.</summary>
    public static string RandomSmiles(Molecule mol, ulong seed, bool isomeric = true) =>
        Take(RdkitNative.mg_mol_to_random_smiles(mol.Handle, seed, isomeric ? 1 : 0), mol);

    public static string Smarts(Molecule mol) => Take(RdkitNative.mg_mol_to_smarts(mol.Handle), mol);

    public static string MolBlock(Molecule mol) => Take(RdkitNative.mg_mol_to_molblock(mol.Handle), mol);

    /// <summary>Parses and writes canonical isomeric SMILES in one step.</summary>
    public static string Canonicalize(string smiles)
    {
        using var mol = MoleculeParser.ParseSmiles(smiles);
        return CanonicalSmiles(mol);
    }

    internal static string Take(IntPtr p, Molecule mol) =>
        RdkitNative.TakeString(p) ?? throw new InvalidMoleculeException(mol.Source, RdkitNative.LastError());
}
