using MolGrid.Molecules;

namespace MolGrid.Pipelines.Benchmarks.Pmo;

/// <summary>GuacaMol's fingerprint types (guacamol/utils/fingerprints.py): ECFP4/ECFP6 = unhashed Morgan
/// counts radius 2/3, FCFP4 = feature Morgan counts radius 2, AP = atom-pair counts up to 10 bonds,
/// PHCO = Gobbi 2D pharmacophore bits.</summary>
public enum GuacaMolFingerprintType { Ecfp4, Ecfp6, Fcfp4, Ap, Phco }

/// <summary>A fingerprint of one of the <see cref="GuacaMolFingerprintType"/>s, compared with Tanimoto
/// as RDKit's DataStructs.TanimotoSimilarity does for its vector type.</summary>
public sealed class GuacaMolFingerprint
{
    private readonly CountFingerprint? _counts;
    private readonly int[]? _bits;

    private GuacaMolFingerprint(GuacaMolFingerprintType type, CountFingerprint? counts, int[]? bits)
    {
        Type = type;
        _counts = counts;
        _bits = bits;
    }

    public GuacaMolFingerprintType Type { get; }

    public static GuacaMolFingerprintType ParseType(string name) => name.ToUpperInvariant() switch
    {
        "ECFP4" => GuacaMolFingerprintType.Ecfp4,
        "ECFP6" => GuacaMolFingerprintType.Ecfp6,
        "FCFP4" => GuacaMolFingerprintType.Fcfp4,
        "AP" => GuacaMolFingerprintType.Ap,
        "PHCO" => GuacaMolFingerprintType.Phco,
        _ => throw new ArgumentException($"unknown fingerprint '{name}'; known: ECFP4, ECFP6, FCFP4, AP, PHCO"),
    };

    public static GuacaMolFingerprint Of(Molecule mol, GuacaMolFingerprintType type) => type switch
    {
        GuacaMolFingerprintType.Ecfp4 => new(type, Fingerprints.MorganCounts(mol, 2), null),
        GuacaMolFingerprintType.Ecfp6 => new(type, Fingerprints.MorganCounts(mol, 3), null),
        GuacaMolFingerprintType.Fcfp4 => new(type, Fingerprints.MorganCounts(mol, 2, useFeatures: true), null),
        GuacaMolFingerprintType.Ap => new(type, Fingerprints.AtomPairCounts(mol, 10), null),
        GuacaMolFingerprintType.Phco => new(type, null, GobbiPharmacophore.Fingerprint(mol)),
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    public static GuacaMolFingerprint Of(string smiles, GuacaMolFingerprintType type)
    {
        using var mol = MoleculeParser.ParseSmiles(smiles);
        return Of(mol, type);
    }

    public double Tanimoto(GuacaMolFingerprint other)
    {
        if (other.Type != Type) throw new ArgumentException($"cannot compare {Type} with {other.Type}");
        if (_counts is not null) return Similarity.Tanimoto(_counts, other._counts!);
        return SortedBitsTanimoto(_bits!, other._bits!);
    }

    /// <summary>Tanimoto of two sorted sets of on-bit ids (SparseBitVect semantics: 0 when both empty).</summary>
    public static double SortedBitsTanimoto(int[] a, int[] b)
    {
        int i = 0, j = 0, common = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j]) { common++; i++; j++; }
            else if (a[i] < b[j]) i++;
            else j++;
        }
        var union = a.Length + b.Length - common;
        return union == 0 ? 0 : (double)common / union;
    }
}
