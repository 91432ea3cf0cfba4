using System.Text.RegularExpressions;

namespace MolGrid.Pipelines.Expression;

/// <summary>
/// Gene symbol from a probe annotation such as Golub's description column ("PGD Phosphogluconate
/// dehydrogenase"): the first word when it looks like an HGNC symbol (upper-case letters, digits, hyphens,
/// starting with a letter) and the next word does not (so "ATP SYNTHASE GAMMA CHAIN" and "GB DEF = ..." give
/// none). Where unsure it returns null: a probe without a symbol only loses target matching, a wrong symbol
/// would mislead.
/// </summary>
public static partial class GeneSymbols
{
    private static readonly HashSet<string> NotSymbols = new(StringComparer.Ordinal)
        { "GB", "DEF", "DNA", "RNA", "MRNA", "CDNA", "ATP", "GTP", "HUMAN", "CLONE", "PROTEIN", "GENE" };

    [GeneratedRegex("^[A-Z][A-Z0-9-]{1,14}$")]
    private static partial Regex SymbolLike();

    public static string? FromAnnotation(string? annotation)
    {
        if (string.IsNullOrWhiteSpace(annotation)) return null;
        var words = annotation.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var first = words[0];
        if (!SymbolLike().IsMatch(first) || NotSymbols.Contains(first) || first.StartsWith("AFFX", StringComparison.Ordinal)) return null;
        if (words.Length > 1 && words[1].Any(char.IsLetter) && words[1].ToUpperInvariant() == words[1]) return null;
        return first;
    }
}
