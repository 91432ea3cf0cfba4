using System.Globalization;
using System.Text;
using MolGrid.Molecules;
using MolGrid.Pipelines.Scoring;

namespace MolGrid.Pipelines.Design;

/// <summary>
/// The ranked, deduplicated candidates of a design state (best total first, ties by SMILES, failed
/// molecules last) and writers for CSV (every component score, raw and transformed, plus descriptors) and
/// SDF (2D or 3D coordinates, scores as data fields).
/// </summary>
public static class CandidateRanking
{
    public static IReadOnlyList<MoleculeScore> Rank(DesignState state, int? top = null)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var unique = state.Scored.Where(s => seen.Add(s.Smiles));
        var ranked = unique
            .OrderBy(s => s.Failed ? 1 : 0)
            .ThenByDescending(s => s.Total)
            .ThenBy(s => s.Smiles, StringComparer.Ordinal)
            .ToArray();
        return top is { } n ? ranked.Take(n).ToArray() : ranked;
    }

    /// <summary>Component columns in a stable order: each name (transformed) followed by name.raw.</summary>
    public static IReadOnlyList<string> ComponentColumns(IEnumerable<MoleculeScore> scores)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var s in scores)
            foreach (var k in s.Components.Keys)
                if (!k.EndsWith(ScoringFunction.RawSuffix, StringComparison.Ordinal)) names.Add(k);
        return names.SelectMany(n => new[] { n, n + ScoringFunction.RawSuffix }).ToArray();
    }

    public static void WriteCsv(TextWriter writer, IReadOnlyList<MoleculeScore> ranked, bool includeDescriptors = true)
    {
        var inv = CultureInfo.InvariantCulture;
        var columns = ComponentColumns(ranked);
        var header = new List<string> { "rank", "smiles", "key", "total" };
        header.AddRange(columns);
        if (includeDescriptors) header.AddRange(MolDescriptors.Names.Select(n => "desc." + n));
        header.Add("error");
        writer.WriteLine(string.Join(',', header));
        for (var i = 0; i < ranked.Count; i++)
        {
            var s = ranked[i];
            var row = new List<string> { (i + 1).ToString(inv), s.Smiles, Key(s.Smiles), s.Total.ToString("R", inv) };
            row.AddRange(columns.Select(c => s.Components.TryGetValue(c, out var v) ? v.ToString("R", inv) : ""));
            if (includeDescriptors)
            {
                MolDescriptors? d = null;
                if (MoleculeParser.TryParseSmiles(s.Smiles, out var mol, out _))
                    using (mol) d = Descriptors.Compute(mol!);
                row.AddRange(MolDescriptors.Names.Select(n => d is null ? "" : d[n].ToString("R", inv)));
            }
            row.Add(Csv(s.Error ?? ""));
            writer.WriteLine(string.Join(',', row));
        }
    }

    /// <summary>One SDF record per candidate; 3D uses ETKDGv3 + MMFF (seed 42), 2D RDKit's depiction
    /// coordinates. Molecules that cannot be embedded are written in 2D with an "embedding" note.</summary>
    public static void WriteSdf(TextWriter writer, IReadOnlyList<MoleculeScore> ranked, bool threeD)
    {
        var inv = CultureInfo.InvariantCulture;
        var columns = ComponentColumns(ranked);
        for (var i = 0; i < ranked.Count; i++)
        {
            var s = ranked[i];
            if (!MoleculeParser.TryParseSmiles(s.Smiles, out var mol, out _)) continue;
            using (mol)
            {
                string block;
                string? note = null;
                if (threeD)
                {
                    try { block = Conformers.Embed(mol!).MolBlock; }
                    catch (InvalidInputException e)
                    {
                        block = MoleculeWriter.MolBlock(mol!);
                        note = e.Reason;
                    }
                }
                else block = MoleculeWriter.MolBlock(mol!);
                var lines = block.Replace("\r\n", "\n").TrimEnd('\n').Split('\n');
                lines[0] = $"candidate_{i + 1}";
                var sb = new StringBuilder();
                foreach (var l in lines)
                {
                    if (l.StartsWith("$$$$", StringComparison.Ordinal)) break;
                    sb.Append(l).Append('\n');
                }
                Field(sb, "rank", (i + 1).ToString(inv));
                Field(sb, "smiles", s.Smiles);
                Field(sb, "total", s.Total.ToString("R", inv));
                foreach (var c in columns)
                    if (s.Components.TryGetValue(c, out var v)) Field(sb, c, v.ToString("R", inv));
                if (s.Error is not null) Field(sb, "error", s.Error);
                if (note is not null) Field(sb, "embedding", note);
                sb.Append("$$$$\n");
                writer.Write(sb.ToString());
            }
        }
    }

    private static void Field(StringBuilder sb, string name, string value) => sb.Append("> <").Append(name).Append(">\n").Append(value).Append("\n\n");

    private static string Key(string smiles) => MoleculeKey.FromCanonicalSmiles(smiles);

    private static string Csv(string v) => v.Contains(',') || v.Contains('"') || v.Contains('\n') ? "\"" + v.Replace("\"", "\"\"") + "\"" : v;
}
