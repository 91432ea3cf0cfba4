using MolGrid.Molecules;

namespace MolGrid.Pipelines.Qsar;

/// <summary>The fingerprint every QSAR model here uses: Morgan radius 2, 2048 bits (ECFP4-like), as
/// <see cref="MolGrid.Pipelines.Scoring.ScoringMolecule.Morgan2"/> computes it.</summary>
public static class MorganFeaturizer
{
    public const int Radius = 2;
    public const int Bits = 2048;

    public static string ToBase64(BitFingerprint fp)
    {
        var bytes = new byte[fp.Words.Length * 8];
        Buffer.BlockCopy(fp.Words, 0, bytes, 0, bytes.Length);
        return Convert.ToBase64String(bytes);
    }

    public static BitFingerprint FromBase64(string s)
    {
        var bytes = Convert.FromBase64String(s);
        var words = new ulong[bytes.Length / 8];
        Buffer.BlockCopy(bytes, 0, words, 0, bytes.Length);
        return new BitFingerprint(words);
    }
}
