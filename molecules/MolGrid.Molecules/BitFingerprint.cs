using System.Numerics;

namespace MolGrid.Molecules;

/// <summary>A fixed-length bit fingerprint stored as 64-bit words, with its popcount precomputed.</summary>
public sealed class BitFingerprint
{
    public BitFingerprint(ulong[] words)
    {
        Words = words;
        foreach (var w in words) BitCount += BitOperations.PopCount(w);
    }

    public ulong[] Words { get; }

    public int BitCount { get; }

    public int Length => Words.Length * 64;

    public bool this[int bit] => (Words[bit >> 6] & (1UL << (bit & 63))) != 0;

    public IEnumerable<int> OnBits()
    {
        for (var i = 0; i < Length; i++)
            if (this[i]) yield return i;
    }
}

/// <summary>A sparse count fingerprint (feature id to count), ids sorted ascending.</summary>
public sealed class CountFingerprint(uint[] ids, uint[] counts)
{
    public uint[] Ids { get; } = ids;

    public uint[] Counts { get; } = counts;

    public int Count => Ids.Length;
}
