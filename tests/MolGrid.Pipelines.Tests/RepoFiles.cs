namespace MolGrid.Pipelines.Tests;

/// <summary>Shipped samples and committed fixtures, found from the repository root.</summary>
internal static class RepoFiles
{
    public static string Root { get; } = FindRoot();

    public static string Sample(params string[] parts) => Path.Combine([Root, "samples", .. parts]);

    public static string Fixture(string name) => Path.Combine(Root, "tests", "MolGrid.Pipelines.Tests", "Fixtures", name);

    public static string GolubCsv => Sample("expression", "golub_all_vs_aml.csv");

    /// <summary>Rows of a simple comma-separated fixture (no quoted commas), header first.</summary>
    public static List<string[]> ReadCsv(string path) =>
        File.ReadLines(path).Where(l => l.Length > 0).Select(l => l.Split(',').Select(f => f.Trim()).ToArray()).ToList();

    public static double Num(string s) => double.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MolGrid.sln"))) return dir.FullName;
        throw new InvalidOperationException("MolGrid.sln not found above the test directory");
    }
}
