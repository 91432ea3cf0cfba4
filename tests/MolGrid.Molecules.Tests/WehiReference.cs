using System.Globalization;
using System.IO.Compression;

namespace MolGrid.Molecules.Tests;

/// <summary>
/// Reference values computed by RDKit's own Python code for the 10,000 shipped WEHI molecules
/// (Fixtures/wehi_reference.tsv.gz, written by Fixtures/make_wehi_reference.py with /usr/bin/python3).
/// </summary>
public sealed class WehiReference
{
    private readonly Dictionary<string, int> _columns;
    private readonly string[][] _rows;

    private WehiReference(string path)
    {
        using var gz = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var reader = new StreamReader(gz);
        var header = reader.ReadLine()!.Split('\t');
        _columns = header.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i);
        var rows = new List<string[]>();
        while (reader.ReadLine() is { Length: > 0 } line) rows.Add(line.Split('\t'));
        _rows = rows.ToArray();
    }

    public static WehiReference Load { get; } = new(Path.Combine(AppContext.BaseDirectory, "Fixtures", "wehi_reference.tsv.gz"));

    public int Count => _rows.Length;

    public string Text(int row, string column) => _rows[row][_columns[column]];

    public double Number(int row, string column) => double.Parse(Text(row, column), CultureInfo.InvariantCulture);

    /// <summary>Runs <paramref name="check"/> on every molecule over both cores (one parsed molecule per
    /// call) and returns the failures it reported, in row order.</summary>
    public IReadOnlyList<string> CheckAll(Func<int, Molecule, string?> check, int? limit = null)
    {
        var n = Math.Min(limit ?? Count, Count);
        var failures = new string?[n];
        Parallel.For(0, n, i =>
        {
            try
            {
                using var mol = MoleculeParser.ParseSmiles(Text(i, "smiles"));
                failures[i] = check(i, mol);
            }
            catch (Exception e)
            {
                failures[i] = $"{Text(i, "smiles")}: {e.GetType().Name}: {e.Message}";
            }
        });
        return failures.Where(f => f is not null).Select(f => f!).ToArray();
    }

    public static void AssertNoFailures(IReadOnlyList<string> failures) =>
        Assert.True(failures.Count == 0, $"{failures.Count} molecules differ from RDKit-Python, e.g.:\n" + string.Join("\n", failures.Take(15)));
}
