using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using MolGrid.Molecules;

namespace MolGrid.Server.Molecules;

/// <summary>
/// Structure pictures for candidate rows. A molecule key is a hash of the canonical SMILES, so the server
/// remembers which SMILES each key it has handed out stands for, and signs each picture URL: an &lt;img&gt;
/// cannot send an API key, and the signature shows the URL came from an authorised answer, so nobody can
/// probe whether a guessed structure exists here. Rendered SVGs are kept in a bounded cache.
/// </summary>
public sealed class MoleculeDepictions
{
    private const int MaxEntries = 200_000;
    private const int MaxCachedSvgs = 20_000;
    private readonly byte[] _secret = RandomNumberGenerator.GetBytes(32);
    private readonly ConcurrentDictionary<string, string> _smilesByKey = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _svgByKey = new(StringComparer.Ordinal);

    /// <summary>Remembers the key's SMILES and returns the picture's signed URL.</summary>
    public string Register(string moleculeKey, string smiles)
    {
        if (_smilesByKey.Count >= MaxEntries) _smilesByKey.Clear();
        _smilesByKey[moleculeKey] = smiles;
        return $"/molecules/{Uri.EscapeDataString(moleculeKey)}.svg?sig={Sign(moleculeKey)}";
    }

    public bool HasValidSignature(string moleculeKey, string? signature) =>
        signature is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(moleculeKey)), Encoding.ASCII.GetBytes(signature));

    /// <summary>The SVG of a registered key, or null when the key is unknown here.</summary>
    public string? Svg(string moleculeKey)
    {
        if (_svgByKey.TryGetValue(moleculeKey, out var svg)) return svg;
        if (!_smilesByKey.TryGetValue(moleculeKey, out var smiles)) return null;
        svg = Render(smiles);
        if (_svgByKey.Count >= MaxCachedSvgs) _svgByKey.Clear();
        _svgByKey[moleculeKey] = svg;
        return svg;
    }

    /// <summary>Draws a SMILES; one that RDKit cannot parse gets a small placeholder instead of an error.</summary>
    public static string Render(string smiles, int width = 240, int height = 160)
    {
        if (!MoleculeParser.TryParseSmiles(smiles, out var mol, out _))
            return $"<svg xmlns='http://www.w3.org/2000/svg' width='{width}' height='{height}'><text x='8' y='20' font-size='12' fill='#a33'>unparsable structure</text></svg>";
        using (mol) return Depiction.ToSvg(mol!, width, height);
    }

    private string Sign(string moleculeKey)
    {
        var mac = HMACSHA256.HashData(_secret, Encoding.UTF8.GetBytes(moleculeKey));
        return Convert.ToBase64String(mac, 0, 18).Replace('+', '-').Replace('/', '_');
    }
}
