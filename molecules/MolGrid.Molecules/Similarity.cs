using System.Numerics;

namespace MolGrid.Molecules;

/// <summary>Similarity measures, matching RDKit's DataStructs definitions.</summary>
public static class Similarity
{
    /// <summary>Tanimoto on bit vectors: |a AND b| / (|a| + |b| - |a AND b|); 1 when both are empty, as
    /// RDKit's DataStructs.TanimotoSimilarity on ExplicitBitVect (count vectors give 0 there, see below).</summary>
    public static double Tanimoto(BitFingerprint a, BitFingerprint b)
    {
        if (a.Words.Length != b.Words.Length)
            throw new ArgumentException($"fingerprint lengths differ ({a.Length} and {b.Length} bits)");
        var common = CommonBits(a.Words, b.Words);
        var union = a.BitCount + b.BitCount - common;
        return union == 0 ? 1.0 : (double)common / union;
    }

    internal static int CommonBits(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        var common = 0;
        for (var i = 0; i < a.Length; i++) common += BitOperations.PopCount(a[i] & b[i]);
        return common;
    }

    /// <summary>Tanimoto on count vectors as RDKit's SparseIntVect: sum(min) / (sum(a) + sum(b) - sum(min)).</summary>
    public static double Tanimoto(CountFingerprint a, CountFingerprint b)
    {
        long sa = 0, sb = 0, both = 0;
        foreach (var c in a.Counts) sa += c;
        foreach (var c in b.Counts) sb += c;
        int i = 0, j = 0;
        while (i < a.Count && j < b.Count)
        {
            if (a.Ids[i] == b.Ids[j]) { both += Math.Min(a.Counts[i], b.Counts[j]); i++; j++; }
            else if (a.Ids[i] < b.Ids[j]) i++;
            else j++;
        }
        var denom = sa + sb - both;
        return denom == 0 ? 0.0 : (double)both / denom;
    }
}
