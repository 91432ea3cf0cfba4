using MolGrid.Molecules.Native;

namespace MolGrid.Molecules;

/// <summary>An atom's properties as graph networks read them (Chemprop's atom features before encoding).
/// <see cref="ChiralTag"/> and <see cref="Hybridization"/> are RDKit's enum values.</summary>
public readonly record struct LearningAtom(int AtomicNumber, int TotalDegree, int FormalCharge, int ChiralTag,
    int TotalHydrogens, int Hybridization, bool IsAromatic, double Mass);

/// <summary>A bond's properties as graph networks read them. <see cref="BondType"/> and <see cref="Stereo"/> are
/// RDKit's enum values (1 single, 2 double, 3 triple, 12 aromatic; STEREONONE 0 .. STEREOTRANS 5).</summary>
public readonly record struct LearningBond(int Begin, int End, int BondType, bool IsConjugated, bool IsInRing, int Stereo);

/// <summary>One atom environment that sets a Morgan bit: the centre atom and the radius around it.</summary>
public readonly record struct MorganBitEnvironment(int Bit, int CenterAtom, int Radius);

/// <summary>Graph views for learned models and their explanations.</summary>
public static class LearningGraph
{
    public static unsafe LearningAtom[] Atoms(Molecule mol)
    {
        var n = mol.AtomCount;
        var ints = new int[7 * Math.Max(n, 1)];
        var mass = new double[Math.Max(n, 1)];
        fixed (int* p = ints)
        fixed (double* q = mass)
            if (RdkitNative.mg_mol_learning_atoms(mol.Handle, p, q) != 0) throw new InvalidMoleculeException(mol.Source, RdkitNative.LastError());
        var atoms = new LearningAtom[n];
        for (var i = 0; i < n; i++)
        {
            var a = ints.AsSpan(7 * i, 7);
            atoms[i] = new LearningAtom(a[0], a[1], a[2], a[3], a[4], a[5], a[6] != 0, mass[i]);
        }
        return atoms;
    }

    public static unsafe LearningBond[] Bonds(Molecule mol)
    {
        var n = mol.BondCount;
        var ints = new int[6 * Math.Max(n, 1)];
        fixed (int* p = ints)
            if (RdkitNative.mg_mol_learning_bonds(mol.Handle, p) != 0) throw new InvalidMoleculeException(mol.Source, RdkitNative.LastError());
        var bonds = new LearningBond[n];
        for (var i = 0; i < n; i++)
        {
            var b = ints.AsSpan(6 * i, 6);
            bonds[i] = new LearningBond(b[0], b[1], b[2], b[3] != 0, b[4] != 0, b[5]);
        }
        return bonds;
    }

    /// <summary>Every (bit, centre, radius) that sets a bit of <see cref="Fingerprints.MorganBits"/> with the same
    /// radius and size, as RDKit's bitInfo.</summary>
    public static unsafe MorganBitEnvironment[] MorganBitEnvironments(Molecule mol, int radius = 2, int nBits = 2048)
    {
        var cap = Math.Max(16, mol.AtomCount * (radius + 1));
        while (true)
        {
            var buf = new int[3 * cap];
            int n;
            fixed (int* p = buf) n = RdkitNative.mg_mol_morgan_bit_info(mol.Handle, radius, nBits, p, cap);
            if (n < 0) throw new InvalidMoleculeException(mol.Source, RdkitNative.LastError());
            if (n > cap) { cap = n; continue; }
            var envs = new MorganBitEnvironment[n];
            for (var i = 0; i < n; i++) envs[i] = new MorganBitEnvironment(buf[3 * i], buf[3 * i + 1], buf[3 * i + 2]);
            return envs;
        }
    }
}
