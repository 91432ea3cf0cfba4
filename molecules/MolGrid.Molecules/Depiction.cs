using MolGrid.Molecules.Native;

namespace MolGrid.Molecules;

/// <summary>2D depiction (RDKit's MolDraw2DSVG; atom labels are drawn as paths, no fonts needed).</summary>
public static class Depiction
{
    public static string ToSvg(Molecule mol, int width = 300, int height = 200, string legend = "")
    {
        if (width is < 16 or > 4096) throw new ArgumentOutOfRangeException(nameof(width), width, "must be 16..4096");
        if (height is < 16 or > 4096) throw new ArgumentOutOfRangeException(nameof(height), height, "must be 16..4096");
        return MoleculeWriter.Take(RdkitNative.mg_mol_to_svg(mol.Handle, width, height, legend), mol);
    }
}
