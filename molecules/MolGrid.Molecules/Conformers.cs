using MolGrid.Molecules.Native;

namespace MolGrid.Molecules;

/// <summary>A 3D structure: mol block with explicit hydrogens, and its MMFF94 energy (NaN when MMFF has no
/// parameters for the molecule and the ETKDG geometry is kept as is).</summary>
public sealed record Conformer3D(string MolBlock, double MmffEnergy);

/// <summary>3D embedding.</summary>
public static class Conformers
{
    /// <summary>ETKDGv3 embedding with the given seed, then MMFF94 optimisation (as AllChem.EmbedMolecule
    /// with ETKDGv3 and AllChem.MMFFOptimizeMolecule).</summary>
    public static Conformer3D Embed(Molecule mol, int seed = 42, int maxMmffIterations = 500)
    {
        var block = RdkitNative.TakeString(RdkitNative.mg_mol_embed_3d(mol.Handle, seed, maxMmffIterations, out var energy))
                    ?? throw new InvalidMoleculeException(mol.Source, RdkitNative.LastError());
        return new Conformer3D(block, energy);
    }
}
