using System.Globalization;

namespace MolGrid.Pipelines.Tests;

/// <summary>Fixture files and shipped samples the tests read.</summary>
internal static class TestData
{
    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    public static string RepoRoot { get; } = FindRoot();

    public static string StartCorpus => Path.Combine(RepoRoot, "samples", "design", "chembl_like_10k.smi");

    public static IReadOnlyList<string> CorpusHead(int n) => File.ReadLines(StartCorpus).Take(n).ToArray();

    public static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MolGrid.sln"))) return dir.FullName;
        throw new InvalidOperationException("MolGrid.sln not found above the test directory");
    }
}
