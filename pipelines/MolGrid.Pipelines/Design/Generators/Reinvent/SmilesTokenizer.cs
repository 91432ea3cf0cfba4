namespace MolGrid.Pipelines.Design.Generators.Reinvent;

/// <summary>
/// Splits SMILES into the tokens a SMILES language model reads: a bracket atom (<c>[nH]</c>, <c>[C@@H]</c>,
/// <c>[N+]</c>) is one token, so are the two-letter organic-subset halogens <c>Cl</c> and <c>Br</c> and the
/// two-digit ring closures <c>%10</c>..<c>%99</c>; every other character is its own token. This is REINVENT's
/// tokenisation; keeping bracket atoms whole means the model never has to learn bracket syntax.
/// </summary>
public static class SmilesTokenizer
{
    /// <summary>Tokens of <paramref name="smiles"/>; throws <see cref="SmilesTokenException"/> on an unclosed
    /// bracket, a '%' not followed by two digits, or whitespace (a SMILES is one word).</summary>
    public static List<string> Tokenize(string smiles)
    {
        ArgumentNullException.ThrowIfNull(smiles);
        var tokens = new List<string>(smiles.Length);
        var i = 0;
        while (i < smiles.Length)
        {
            var c = smiles[i];
            if (c == '[')
            {
                var close = smiles.IndexOf(']', i + 1);
                if (close < 0) throw new SmilesTokenException(smiles, i, "unclosed '[' (bracket atom without ']')");
                if (smiles.IndexOf('[', i + 1, close - i - 1) >= 0)
                    throw new SmilesTokenException(smiles, i, "'[' inside a bracket atom");
                tokens.Add(smiles.Substring(i, close - i + 1));
                i = close + 1;
            }
            else if (c == '%')
            {
                if (i + 2 >= smiles.Length || !char.IsAsciiDigit(smiles[i + 1]) || !char.IsAsciiDigit(smiles[i + 2]))
                    throw new SmilesTokenException(smiles, i, "'%' must be followed by two digits (ring closure %10-%99)");
                tokens.Add(smiles.Substring(i, 3));
                i += 3;
            }
            else if ((c == 'C' && At(smiles, i + 1) == 'l') || (c == 'B' && At(smiles, i + 1) == 'r'))
            {
                tokens.Add(smiles.Substring(i, 2));
                i += 2;
            }
            else if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                throw new SmilesTokenException(smiles, i, "whitespace or control character inside a SMILES");
            }
            else if (c == ']')
            {
                throw new SmilesTokenException(smiles, i, "']' without an opening '['");
            }
            else
            {
                tokens.Add(c.ToString());
                i++;
            }
        }
        return tokens;
    }

    /// <summary>The inverse of <see cref="Tokenize"/>: tokens are concatenated as they are.</summary>
    public static string Join(IEnumerable<string> tokens) => string.Concat(tokens);

    private static char At(string s, int i) => i < s.Length ? s[i] : '\0';
}
