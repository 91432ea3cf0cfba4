using System.Text;

namespace MolGrid.Molecules;

/// <summary>SMILES tables: .csv (comma, RFC 4180 quotes), .tsv (tab), .smi/.smiles/.txt (whitespace, '#'
/// comments). Blank lines are skipped.</summary>
internal static class SmilesFileReader
{
    private static readonly string[] SmilesNames = ["smiles", "smi", "canonical_smiles", "isomeric_smiles", "structure"];
    private static readonly string[] IdNames = ["id", "name", "title", "compound_id", "mol_id", "molecule_id"];

    public static IEnumerable<MoleculeFileRecord> Read(string path, SmilesFileOptions? options)
    {
        options ??= new SmilesFileOptions();
        var name = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? path[..^3] : path;
        var ext = Path.GetExtension(name).ToLowerInvariant();
        Func<string, string[]> split = ext switch
        {
            ".csv" => SplitCsv,
            ".tsv" => line => line.Split('\t'),
            _ => line => line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries),
        };
        var comments = ext is ".smi" or ".smiles" or ".txt";

        using var reader = MoleculeFiles.OpenText(path);
        var lineNumber = 0;
        // Read up to two content lines to decide about the header.
        var pending = new List<(int Line, string[] Fields)>();
        while (pending.Count < 2 && Next(reader, path, ref lineNumber, comments) is { } first)
            pending.Add((lineNumber, split(first)));
        if (pending.Count == 0) yield break;

        var header = options.HasHeader ?? LooksLikeHeader(pending);
        string[] columns = [];
        if (header)
        {
            columns = pending[0].Fields.Select(f => f.Trim()).ToArray();
            pending.RemoveAt(0);
        }
        var smilesIndex = ColumnIndex(columns, options.SmilesColumn, SmilesNames, path, required: options.SmilesColumn is not null) ?? 0;
        var idIndex = ColumnIndex(columns, options.IdColumn, IdNames, path, required: options.IdColumn is not null)
                      ?? (header ? -1 : 1);
        var number = 0;

        IEnumerable<(int Line, string[] Fields)> Rows()
        {
            foreach (var p in pending) yield return p;
            while (Next(reader, path, ref lineNumber, comments) is { } line) yield return (lineNumber, split(line));
        }

        foreach (var (line, fields) in Rows())
        {
            number++;
            var props = new Dictionary<string, string>();
            for (var c = 0; c < fields.Length && c < columns.Length; c++)
                if (c != smilesIndex && c != idIndex) props[columns[c]] = fields[c];
            var id = idIndex >= 0 && idIndex < fields.Length && fields[idIndex].Trim().Length > 0 ? fields[idIndex].Trim() : number.ToString();
            if (smilesIndex >= fields.Length || fields[smilesIndex].Trim().Length == 0)
            {
                var col = header ? $"column '{columns[smilesIndex]}'" : $"column {smilesIndex + 1}";
                yield return new MoleculeFileRecord(path, number, line, id, null, "smiles", props, $"no SMILES in {col}");
                continue;
            }
            yield return new MoleculeFileRecord(path, number, line, id, fields[smilesIndex].Trim(), "smiles", props);
        }
    }

    private static string? Next(TextReader reader, string path, ref int lineNumber, bool comments)
    {
        while (true)
        {
            var line = MoleculeFiles.ReadLine(reader, path, lineNumber + 1);
            if (line is null) return null;
            lineNumber++;
            if (line.Trim().Length == 0) continue;
            if (comments && line.TrimStart().StartsWith('#')) continue;
            return line;
        }
    }

    private static bool LooksLikeHeader(List<(int Line, string[] Fields)> rows)
    {
        var first = rows[0].Fields;
        if (first.Any(f => SmilesNames.Contains(f.Trim(), StringComparer.OrdinalIgnoreCase))) return true;
        if (first.Length == 0 || IsSmiles(first[0])) return false;
        return rows.Count > 1 && rows[1].Fields.Length > 0 && IsSmiles(rows[1].Fields[0]);
    }

    private static bool IsSmiles(string text)
    {
        if (!MoleculeParser.TryParseSmiles(text.Trim(), out var mol, out _)) return false;
        mol!.Dispose();
        return true;
    }

    private static int? ColumnIndex(string[] columns, string? wanted, string[] usual, string path, bool required)
    {
        if (wanted is not null)
        {
            var i = Array.FindIndex(columns, c => string.Equals(c, wanted, StringComparison.OrdinalIgnoreCase));
            if (i >= 0) return i;
            if (required)
                throw new MoleculeFileException(path, columns.Length == 0
                    ? $"no header line, so no column named '{wanted}'"
                    : $"no column named '{wanted}' in the header ({string.Join(", ", columns)})");
        }
        foreach (var u in usual)
        {
            var i = Array.FindIndex(columns, c => string.Equals(c, u, StringComparison.OrdinalIgnoreCase));
            if (i >= 0) return i;
        }
        return null;
    }

    /// <summary>One CSV line with RFC 4180 quoting (no embedded line breaks: SMILES have none).</summary>
    internal static string[] SplitCsv(string line)
    {
        var fields = new List<string>();
        var sb = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { sb.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else sb.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(sb.ToString()); sb.Clear(); }
            else sb.Append(c);
        }
        fields.Add(sb.ToString());
        return fields.ToArray();
    }
}
