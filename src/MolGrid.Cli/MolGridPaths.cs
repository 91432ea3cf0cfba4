namespace MolGrid.Cli;

/// <summary>Where MolGrid finds its shipped files (samples, catalogues) and keeps its data.</summary>
public static class MolGridPaths
{
    /// <summary>The repository (or install) root: $MOLGRID_HOME, set by ./molgrid, else found by walking up
    /// from the executable to the directory holding MolGrid.sln.</summary>
    public static string Home { get; } = FindHome();

    /// <summary>The embedded default's data directory: $MOLGRID_DATA, else HOME/.molgrid.</summary>
    public static string Data => Environment.GetEnvironmentVariable("MOLGRID_DATA") is { Length: > 0 } d ? d : Path.Combine(Home, ".molgrid");

    public static string Samples => Path.Combine(Home, "samples");

    private static string FindHome()
    {
        if (Environment.GetEnvironmentVariable("MOLGRID_HOME") is { Length: > 0 } h) return h;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MolGrid.sln"))) return dir.FullName;
        return Directory.GetCurrentDirectory();
    }
}
