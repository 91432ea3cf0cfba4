using System.Text;

namespace MolGrid.Molecules;

/// <summary>SD files: records end with a "$$$$" line; the mol block ends with "M  END"; "> &lt;name&gt;" data
/// fields follow it, each value running to the next blank line. The title line (or the record number) is
/// the id.</summary>
internal static class SdfReader
{
    public static IEnumerable<MoleculeFileRecord> Read(string path)
    {
        using var reader = MoleculeFiles.OpenText(path);
        var lineNumber = 0;
        var number = 0;
        var lines = new List<string>();
        var start = 1;
        while (true)
        {
            var line = MoleculeFiles.ReadLine(reader, path, lineNumber + 1);
            if (line is null) break;
            lineNumber++;
            if (line.TrimEnd() == "$$$$")
            {
                number++;
                yield return Record(path, number, start, lines, terminated: true);
                lines.Clear();
                start = lineNumber + 1;
                continue;
            }
            lines.Add(line);
            if (lines.Count > 200_000)
                throw new MoleculeFileException(path, $"record {number + 1} (line {start}): more than 200,000 lines without '$$$$'");
        }
        if (lines.Any(l => l.Trim().Length > 0))
        {
            number++;
            yield return Record(path, number, start, lines, terminated: false);
        }
    }

    private static MoleculeFileRecord Record(string path, int number, int start, List<string> lines, bool terminated)
    {
        var end = lines.FindIndex(l => l.StartsWith("M  END", StringComparison.Ordinal));
        var title = lines.Count > 0 ? lines[0].Trim() : "";
        var id = title.Length > 0 ? title : number.ToString();
        var props = new Dictionary<string, string>();
        if (end < 0)
        {
            var why = terminated ? "no 'M  END' line before '$$$$'" : "truncated record: the file ends without 'M  END'";
            return new MoleculeFileRecord(path, number, start, id, null, "molblock", props, why);
        }
        var block = new StringBuilder();
        for (var i = 0; i <= end; i++) block.Append(lines[i]).Append('\n');
        for (var i = end + 1; i < lines.Count; i++)
        {
            var l = lines[i];
            if (!l.StartsWith('>')) continue;
            var open = l.IndexOf('<');
            var close = l.IndexOf('>', open + 1);
            if (open < 0 || close < 0) continue;
            var key = l[(open + 1)..close];
            var value = new StringBuilder();
            for (i++; i < lines.Count && lines[i].Trim().Length > 0; i++)
            {
                if (value.Length > 0) value.Append('\n');
                value.Append(lines[i]);
            }
            props[key] = value.ToString();
        }
        return new MoleculeFileRecord(path, number, start, id, block.ToString(), "molblock", props);
    }
}
