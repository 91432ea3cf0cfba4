using MolGrid.Molecules.Native;

namespace MolGrid.Molecules;

/// <summary>Fingerprints as RDKit computes them.</summary>
public static class Fingerprints
{
    /// <summary>Morgan (ECFP-like; FCFP-like with <paramref name="useFeatures"/>) bit vector, as
    /// AllChem.GetMorganFingerprintAsBitVect(mol, radius, nBits).</summary>
    public static unsafe BitFingerprint MorganBits(Molecule mol, int radius = 2, int nBits = 2048, bool useFeatures = false)
    {
        if (nBits <= 0 || nBits % 64 != 0) throw new ArgumentOutOfRangeException(nameof(nBits), nBits, "must be a positive multiple of 64");
        if (radius < 0 || radius > 6) throw new ArgumentOutOfRangeException(nameof(radius), radius, "must be 0..6");
        var words = new ulong[nBits / 64];
        fixed (ulong* p = words)
            if (RdkitNative.mg_mol_morgan_bits(mol.Handle, radius, nBits, useFeatures ? 1 : 0, p) != 0)
                throw new InvalidMoleculeException(mol.Source, RdkitNative.LastError());
        return new BitFingerprint(words);
    }

    /// <summary>Unhashed Morgan counts, as AllChem.GetMorganFingerprint(mol, radius[, useFeatures]).
    /// GuacaMol's ECFP4/ECFP6/FCFP4 are radius 2/3/2 of this.</summary>
    public static CountFingerprint MorganCounts(Molecule mol, int radius = 2, bool useFeatures = false)
    {
        var n = RdkitNative.mg_mol_morgan_counts(mol.Handle, radius, useFeatures ? 1 : 0, out var ids, out var counts);
        return TakeCounts(mol, n, ids, counts);
    }

    /// <summary>Atom-pair counts, as rdMolDescriptors.GetAtomPairFingerprint(mol).</summary>
    public static CountFingerprint AtomPairCounts(Molecule mol)
    {
        var n = RdkitNative.mg_mol_atom_pair_counts(mol.Handle, out var ids, out var counts);
        return TakeCounts(mol, n, ids, counts);
    }

    /// <summary>Atom-pair counts for pairs 1..<paramref name="maxLength"/> bonds apart, as
    /// GetAtomPairFingerprint(mol, maxLength=...) (GuacaMol's AP fingerprint uses 10).</summary>
    public static CountFingerprint AtomPairCounts(Molecule mol, int maxLength)
    {
        if (maxLength is < 1 or > 30) throw new ArgumentOutOfRangeException(nameof(maxLength), maxLength, "must be 1..30");
        var n = RdkitNative.mg_mol_atom_pair_counts_range(mol.Handle, 1, maxLength, out var ids, out var counts);
        return TakeCounts(mol, n, ids, counts);
    }

    private static CountFingerprint TakeCounts(Molecule mol, int n, IntPtr ids, IntPtr counts)
    {
        if (n < 0) throw new InvalidMoleculeException(mol.Source, RdkitNative.LastError());
        try
        {
            var i = new uint[n];
            var c = new uint[n];
            if (n > 0)
            {
                unsafe
                {
                    new ReadOnlySpan<uint>((void*)ids, n).CopyTo(i);
                    new ReadOnlySpan<uint>((void*)counts, n).CopyTo(c);
                }
            }
            return new CountFingerprint(i, c);
        }
        finally
        {
            RdkitNative.mg_free(ids);
            RdkitNative.mg_free(counts);
        }
    }
}
