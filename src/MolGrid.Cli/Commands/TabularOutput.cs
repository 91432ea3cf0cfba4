using System.Text;
using System.Text.Json;

namespace MolGrid.Cli.Commands;

/// <summary>Prints rows as an aligned text table, CSV or JSON (--format table|csv|json).</summary>
internal static class TabularOutput
{
    public static readonly string[] Formats = ["table", "csv", "json"];

    public static void Write(TextWriter w, string format, IReadOnlyList<string> columns, IReadOnlyList<IReadOnlyList<string>> rows, IEnumerable<Dictionary<string, object?>>? jsonRows = null)
    {
        switch (format)
        {
            case "csv":
                w.WriteLine(string.Join(',', columns.Select(Csv)));
                foreach (var r in rows) w.WriteLine(string.Join(',', r.Select(Csv)));
                break;
            case "json":
                w.WriteLine(JsonSerializer.Serialize(jsonRows ?? rows.Select(r => columns.Zip(r).ToDictionary(p => p.First, p => (object?)p.Second)),
                    new JsonSerializerOptions { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals }));
                break;
            default:
                var widths = columns.Select((c, i) => Math.Max(c.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
                w.WriteLine(Line(columns, widths));
                w.WriteLine(string.Join("  ", widths.Select(x => new string('-', x))));
                foreach (var r in rows) w.WriteLine(Line(r, widths));
                break;
        }
    }

    private static string Line(IReadOnlyList<string> cells, int[] widths)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0) sb.Append("  ");
            sb.Append(i == cells.Count - 1 ? cells[i] : cells[i].PadRight(widths[i]));
        }
        return sb.ToString();
    }

    private static string Csv(string s) => s.IndexOfAny([',', '"', '\n']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
}
