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

    /// <summary>Depiction with each atom shaded by its weight in [-1, 1] (green raises, red lowers, stronger for a
    /// larger weight), for per-atom model attributions; weights outside [-1, 1] are clipped.</summary>
    public static unsafe string ToSvgWithAtomWeights(Molecule mol, IReadOnlyList<double> weights, int width = 400, int height = 300)
    {
        if (width is < 16 or > 4096) throw new ArgumentOutOfRangeException(nameof(width), width, "must be 16..4096");
        if (height is < 16 or > 4096) throw new ArgumentOutOfRangeException(nameof(height), height, "must be 16..4096");
        if (weights.Count != mol.AtomCount) throw new ArgumentException($"{weights.Count} weights for {mol.AtomCount} atoms", nameof(weights));
        var w = new double[Math.Max(1, weights.Count)];
        for (var i = 0; i < weights.Count; i++) w[i] = double.IsFinite(weights[i]) ? weights[i] : 0;
        fixed (double* p = w) return MoleculeWriter.Take(RdkitNative.mg_mol_to_svg_weighted(mol.Handle, width, height, p), mol);
    }
}
