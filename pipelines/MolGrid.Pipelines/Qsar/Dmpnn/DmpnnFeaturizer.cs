using MolGrid.Molecules;

namespace MolGrid.Pipelines.Qsar.Dmpnn;

/// <summary>A molecule as the D-MPNN reads it: one row of atom features per atom, one row of bond features per
/// bond, and each bond's two atoms.</summary>
public sealed record MoleculeGraph(int Atoms, int Bonds, float[] AtomFeatures, float[] BondFeatures, int[] Begin, int[] End);

/// <summary>
/// Chemprop's (v1) atom and bond features, from RDKit's own atom and bond properties (<see cref="LearningGraph"/>).
/// Atom (133): atomic number one-hot over 1..100 plus "other" (101), total degree 0..5 (7), formal charge
/// -1, -2, 1, 2, 0 (6), chiral tag 0..3 (5), total H count 0..4 (6), hybridisation SP, SP2, SP3, SP3D, SP3D2
/// (6), each with an "other" slot; aromatic flag; mass / 100. Bond (14): a "no bond" flag (always 0 here),
/// single, double, triple, aromatic, conjugated, in ring, stereo 0..5 plus "other" (7).
/// </summary>
public static class DmpnnFeaturizer
{
    public const int AtomFeatureCount = 133;
    public const int BondFeatureCount = 14;

    /// <summary>Names this encoding in model files, so a model trained on other features is refused.</summary>
    public const string Version = "chemprop-v1-133-14";

    private static readonly int[] FormalCharges = [-1, -2, 1, 2, 0];
    private static readonly int[] Hybridizations = [2, 3, 4, 5, 6]; // RDKit: SP, SP2, SP3, SP3D, SP3D2

    public static MoleculeGraph Featurize(Molecule mol)
    {
        var atoms = LearningGraph.Atoms(mol);
        var bonds = LearningGraph.Bonds(mol);
        var af = new float[atoms.Length * AtomFeatureCount];
        for (var i = 0; i < atoms.Length; i++) EncodeAtom(atoms[i], af.AsSpan(i * AtomFeatureCount, AtomFeatureCount));
        var bf = new float[bonds.Length * BondFeatureCount];
        var begin = new int[bonds.Length];
        var end = new int[bonds.Length];
        for (var i = 0; i < bonds.Length; i++)
        {
            EncodeBond(bonds[i], bf.AsSpan(i * BondFeatureCount, BondFeatureCount));
            (begin[i], end[i]) = (bonds[i].Begin, bonds[i].End);
        }
        return new MoleculeGraph(atoms.Length, bonds.Length, af, bf, begin, end);
    }

    public static void EncodeAtom(LearningAtom a, Span<float> f)
    {
        f.Clear();
        var at = 0;
        OneHot(f, ref at, a.AtomicNumber is >= 1 and <= 100 ? a.AtomicNumber - 1 : -1, 100);
        OneHot(f, ref at, a.TotalDegree is >= 0 and <= 5 ? a.TotalDegree : -1, 6);
        OneHot(f, ref at, Array.IndexOf(FormalCharges, a.FormalCharge), FormalCharges.Length);
        OneHot(f, ref at, a.ChiralTag is >= 0 and <= 3 ? a.ChiralTag : -1, 4);
        OneHot(f, ref at, a.TotalHydrogens is >= 0 and <= 4 ? a.TotalHydrogens : -1, 5);
        OneHot(f, ref at, Array.IndexOf(Hybridizations, a.Hybridization), Hybridizations.Length);
        f[at++] = a.IsAromatic ? 1 : 0;
        f[at] = (float)(a.Mass * 0.01);
    }

    public static void EncodeBond(LearningBond b, Span<float> f)
    {
        f.Clear();
        f[1] = b.BondType == 1 ? 1 : 0;
        f[2] = b.BondType == 2 ? 1 : 0;
        f[3] = b.BondType == 3 ? 1 : 0;
        f[4] = b.BondType == 12 ? 1 : 0;
        f[5] = b.IsConjugated ? 1 : 0;
        f[6] = b.IsInRing ? 1 : 0;
        f[7 + (b.Stereo is >= 0 and <= 5 ? b.Stereo : 6)] = 1;
    }

    // Chemprop's onek_encoding_unk: choices slots, then one "other" slot taken when the value is not a choice.
    private static void OneHot(Span<float> f, ref int at, int index, int choices)
    {
        f[at + (index >= 0 ? index : choices)] = 1;
        at += choices + 1;
    }
}
