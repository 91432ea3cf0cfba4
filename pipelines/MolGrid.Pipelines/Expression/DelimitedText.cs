using System.Text;

namespace MolGrid.Pipelines.Expression;

/// <summary>Splits one line of CSV (RFC 4180 quoting) or TSV into fields.</summary>
internal static class DelimitedText
{
    public static char DelimiterFor(string path) =>
        Path.GetExtension(path).ToLowerInvariant() is ".tsv" or ".txt" or ".tab" or ".gct" ? '\t' : ',';

    /// <summary>Fields of <paramref name="line"/>; null when a quote is left open.</summary>
    public static List<string>? Split(string line, char delimiter)
    {
        var fields = new List<string>();
        var sb = new StringBuilder();
        var inQuotes = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (i + 1 < line.Length && line[i + 1] == '"') { sb.Append('"'); i++; }
                    else inQuotes = false;
                }
                else sb.Append(c);
            }
            else if (c == '"' && sb.Length == 0) inQuotes = true;
            else if (c == delimiter) { fields.Add(sb.ToString()); sb.Clear(); }
            else sb.Append(c);
        }
        if (inQuotes) return null;
        fields.Add(sb.ToString());
        return fields;
    }

    /// <summary>Lines of a text file with their 1-based numbers, skipping blank lines.</summary>
    public static IEnumerable<(int Number, string Text)> Lines(string path)
    {
        if (!File.Exists(path)) throw new ExpressionDataException(path, "file not found");
        var n = 0;
        foreach (var raw in File.ReadLines(path))
        {
            n++;
            var text = raw.TrimEnd('\r');
            if (text.Trim().Length == 0) continue;
            yield return (n, text);
        }
    }
}
