using System.Globalization;
using System.Text;
using MolGrid.Grains;
using MolGrid.Molecules;

namespace MolGrid.Server.Candidates;

/// <summary>
/// Writes ranked candidates as CSV (RFC 4180: fields with commas, quotes or line breaks are quoted) or SDF
/// (RDKit mol blocks with the scores as data items). Columns are rank, key, SMILES, score, round, then every
/// component and descriptor name present, sorted, so the layout does not depend on dictionary order.
/// </summary>
public static class CandidateExport
{
    public static IReadOnlyList<string> ComponentColumns(IEnumerable<Candidate> rows) =>
        rows.SelectMany(r => r.Components.Keys).Distinct().Order(StringComparer.Ordinal).ToList();

    public static IReadOnlyList<string> DescriptorColumns(IEnumerable<Candidate> rows) =>
        rows.SelectMany(r => r.Descriptors.Keys).Distinct().Order(StringComparer.Ordinal).ToList();

    public static async Task WriteCsvAsync(TextWriter w, IReadOnlyList<Candidate> rows, CancellationToken ct)
    {
        var comps = ComponentColumns(rows);
        var descs = DescriptorColumns(rows);
        var header = new List<string> { "rank", "molecule_key", "smiles", "score", "round" };
        header.AddRange(comps);
        header.AddRange(descs.Select(d => comps.Contains(d) ? "descriptor." + d : d));
        header.Add("error");
        await w.WriteAsync(string.Join(',', header.Select(Csv)) + "\r\n");
        foreach (var r in rows)
        {
            ct.ThrowIfCancellationRequested();
            var fields = new List<string> { Int(r.Rank), r.MoleculeKey, r.Smiles, Num(r.Score), Int(r.Round) };
            fields.AddRange(comps.Select(c => r.Components.TryGetValue(c, out var v) ? Num(v) : ""));
            fields.AddRange(descs.Select(d => r.Descriptors.TryGetValue(d, out var v) ? Num(v) : ""));
            fields.Add(r.Error ?? "");
            await w.WriteAsync(string.Join(',', fields.Select(Csv)) + "\r\n");
        }
    }

    public static async Task WriteSdfAsync(TextWriter w, IReadOnlyList<Candidate> rows, CancellationToken ct)
    {
        foreach (var r in rows)
        {
            ct.ThrowIfCancellationRequested();
            if (!MoleculeParser.TryParseSmiles(r.Smiles, out var mol, out _)) continue;
            string block;
            using (mol) block = MoleculeWriter.MolBlock(mol!);
            // The first line of a mol block is its title: put the key there.
            var lines = block.Replace("\r\n", "\n").Split('\n').ToList();
            lines[0] = r.MoleculeKey;
            var sb = new StringBuilder(string.Join('\n', lines).TrimEnd('\n')).Append('\n');
            Item(sb, "molecule_key", r.MoleculeKey);
            Item(sb, "smiles", r.Smiles);
            Item(sb, "rank", Int(r.Rank));
            Item(sb, "score", Num(r.Score));
            Item(sb, "round", Int(r.Round));
            foreach (var (k, v) in r.Components.OrderBy(p => p.Key, StringComparer.Ordinal)) Item(sb, k, Num(v));
            foreach (var (k, v) in r.Descriptors.OrderBy(p => p.Key, StringComparer.Ordinal)) Item(sb, "descriptor." + k, Num(v));
            sb.Append("$$$$\n");
            await w.WriteAsync(sb.ToString());
        }
    }

    private static void Item(StringBuilder sb, string name, string value)
    {
        // SD data item names sit between angle brackets and values end at a blank line: keep both single-line.
        var safeName = name.Replace('<', '(').Replace('>', ')').Replace('\n', ' ');
        sb.Append("> <").Append(safeName).Append(">\n").Append(value.Replace("\r", " ").Replace("\n", " ")).Append("\n\n");
    }

    private static string Num(double v) => v.ToString("R", CultureInfo.InvariantCulture);
    private static string Int(int v) => v.ToString(CultureInfo.InvariantCulture);

    internal static string Csv(string field)
    {
        var needsQuotes = field.IndexOfAny([',', '"', '\r', '\n']) >= 0;
        return needsQuotes ? "\"" + field.Replace("\"", "\"\"") + "\"" : field;
    }
}
