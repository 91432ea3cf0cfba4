using MolGrid.Molecules.Native;

namespace MolGrid.Molecules;

/// <summary>An atom as RDKit perceives it after sanitisation.</summary>
public readonly record struct AtomInfo(int AtomicNumber, int FormalCharge, int TotalHydrogens, int Degree,
    bool IsAromatic, bool IsInRing, int Isotope, int Hybridization);

/// <summary>A bond; <see cref="Order"/> is RDKit's bond type (1, 2, 3, 12 for aromatic).</summary>
public readonly record struct BondInfo(int Begin, int End, int Order, bool IsInRing)
{
    public const int Aromatic = 12;
}

/// <summary>Graph-level views used by ports of Python-only RDKit code (QED, SA score, Bertz, Pharm2D).</summary>
public static class MolGraph
{
    public static unsafe AtomInfo[] Atoms(Molecule mol)
    {
        var n = mol.AtomCount;
        var buf = new int[8 * Math.Max(n, 1)];
        fixed (int* p = buf)
            if (RdkitNative.mg_mol_atoms(mol.Handle, p) != 0) throw new InvalidMoleculeException(mol.Source, RdkitNative.LastError());
        var atoms = new AtomInfo[n];
        for (var i = 0; i < n; i++)
        {
            var a = buf.AsSpan(8 * i, 8);
            atoms[i] = new AtomInfo(a[0], a[1], a[2], a[3], a[4] != 0, a[5] != 0, a[6], a[7]);
        }
        return atoms;
    }

    public static unsafe BondInfo[] Bonds(Molecule mol)
    {
        var n = mol.BondCount;
        var buf = new int[4 * Math.Max(n, 1)];
        fixed (int* p = buf)
            if (RdkitNative.mg_mol_bonds(mol.Handle, p) != 0) throw new InvalidMoleculeException(mol.Source, RdkitNative.LastError());
        var bonds = new BondInfo[n];
        for (var i = 0; i < n; i++) bonds[i] = new BondInfo(buf[4 * i], buf[4 * i + 1], buf[4 * i + 2], buf[4 * i + 3] != 0);
        return bonds;
    }

    /// <summary>Sizes of the smallest set of smallest rings.</summary>
    public static unsafe int[] RingSizes(Molecule mol)
    {
        var n = RdkitNative.mg_mol_ring_sizes(mol.Handle, null, 0);
        if (n < 0) throw new InvalidMoleculeException(mol.Source, RdkitNative.LastError());
        var sizes = new int[n];
        fixed (int* p = sizes) RdkitNative.mg_mol_ring_sizes(mol.Handle, p, n);
        return sizes;
    }

    /// <summary>Number of rings in the smallest set of smallest rings, as len(Chem.GetSSSR(mol)): RDKit's
    /// findSSSR, not the symmetrised set of <see cref="RingSizes"/> (which can hold more rings).</summary>
    public static int SssrCount(Molecule mol)
    {
        var n = RdkitNative.mg_mol_sssr_count(mol.Handle);
        if (n < 0) throw new InvalidMoleculeException(mol.Source, RdkitNative.LastError());
        return n;
    }

    /// <summary>Topological (bond-count) distances, row-major n x n.</summary>
    public static unsafe double[] DistanceMatrix(Molecule mol)
    {
        var n = mol.AtomCount;
        var d = new double[Math.Max(n * n, 1)];
        fixed (double* p = d)
            if (RdkitNative.mg_mol_distance_matrix(mol.Handle, p) != 0) throw new InvalidMoleculeException(mol.Source, RdkitNative.LastError());
        return d;
    }

    /// <summary>Tetrahedral stereocentres, assigned or not, as Chem.FindMolChiralCenters(includeUnassigned=True,
    /// useLegacyImplementation=False) (RDKit's findPotentialStereo).</summary>
    public static int ChiralCenterCount(Molecule mol)
    {
        var n = RdkitNative.mg_mol_num_chiral_centers(mol.Handle);
        if (n < 0) throw new InvalidMoleculeException(mol.Source, RdkitNative.LastError());
        return n;
    }

    /// <summary>Kekulizes the molecule in place and clears aromatic flags (as Chem.Kekulize with
    /// clearAromaticFlags=True); returns false, leaving it unchanged, when no Kekulé form exists.</summary>
    public static bool Kekulize(Molecule mol) => RdkitNative.mg_mol_kekulize(mol.Handle) == 0;

    public static Molecule AddHydrogens(Molecule mol) => new(Molecule.Wrap(RdkitNative.mg_mol_add_hs(mol.Handle), mol.Source), mol.Source);

    public static Molecule RemoveHydrogens(Molecule mol) => new(Molecule.Wrap(RdkitNative.mg_mol_remove_hs(mol.Handle), mol.Source), mol.Source);

    /// <summary>Gasteiger partial charges per atom (0 for atoms without parameters).</summary>
    public static unsafe double[] GasteigerCharges(Molecule mol)
    {
        var q = new double[Math.Max(mol.AtomCount, 1)];
        fixed (double* p = q)
            if (RdkitNative.mg_mol_gasteiger_charges(mol.Handle, p) != 0) throw new InvalidMoleculeException(mol.Source, RdkitNative.LastError());
        return q[..mol.AtomCount];
    }
}
