using System.Security.Cryptography;
using System.Text;

namespace MolGrid.Molecules;

/// <summary>
/// A stable, fixed-length identifier for a molecule, used for caching and deduplication. Debian's RDKit is
/// built without InChI, so the key is derived from RDKit's canonical isomeric SMILES:
/// "MG1-" + the first 26 characters of the base-32 (RFC 4648, no padding) SHA-256 of its UTF-8 bytes.
/// Two SMILES of the same molecule give the same key; the key changes if RDKit's canonicalisation does
/// (the "MG1" prefix versions the scheme).
/// </summary>
public static class MoleculeKey
{
    public const string Prefix = "MG1-";

    public static string FromCanonicalSmiles(string canonicalSmiles)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(canonicalSmiles));
        return Prefix + Base32(hash)[..26];
    }

    public static string Of(Molecule mol) => FromCanonicalSmiles(MoleculeWriter.CanonicalSmiles(mol));

    /// <summary>Parses the SMILES, canonicalises it and derives the key.</summary>
    public static string FromSmiles(string smiles) => FromCanonicalSmiles(MoleculeWriter.Canonicalize(smiles));

    private static string Base32(byte[] data)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var sb = new StringBuilder((data.Length * 8 + 4) / 5);
        int buffer = 0, bits = 0;
        foreach (var b in data)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                sb.Append(alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) sb.Append(alphabet[(buffer << (5 - bits)) & 31]);
        return sb.ToString();
    }
}
