using MolGrid.Pipelines.Design;

namespace MolGrid.Grains.Planning;

/// <summary>
/// Campaigns submitted to the grid come from API clients, so the files a spec names (start population, target
/// catalogue, QSAR data or model, docking receptor) must resolve under the data roots: a client must not make
/// the server read /dev/zero, block on a FIFO, or probe which paths exist. Checked on the paths as the engine
/// will resolve them, before anything is opened. `molgrid design run` (the user's own machine) is not limited.
/// </summary>
internal static class SpecFileAccess
{
    private static readonly string[] ComponentPathKeys = ["catalogue", "data", "model", "receptor"];

    // The "qsar" type names its model kind in "model" and the saved model in "file".
    private static readonly string[] QsarPathKeys = ["data", "file"];

    public static void Check(DesignSpec spec, DesignPlanOptions options)
    {
        var roots = options.DataRoots.Select(r => Path.TrimEndingDirectorySeparator(Path.GetFullPath(r)) + Path.DirectorySeparatorChar).ToList();

        if (spec.Generator.StartFile is { } start)
        {
            // The file StartPopulation.Resolve will open: the first candidate that exists.
            var candidates = Path.IsPathRooted(start) ? [start] : new[] { Path.Combine(options.SpecDirectory, start), start };
            if (candidates.Select(Path.GetFullPath).FirstOrDefault(File.Exists) is { } opened)
                Require(opened, roots, "generator.start_file", start);
        }
        if (spec.Targets?.Catalogue is { } catalogue) Require(Path.GetFullPath(catalogue), roots, spec.Targets.Path + ".catalogue", catalogue);
        foreach (var component in spec.Scoring.Components)
            foreach (var key in component.Type == "qsar" ? QsarPathKeys : ComponentPathKeys)
                if (component.Params.Get(key) is { IsNull: false } node)
                    Require(Path.GetFullPath(node.AsString()), roots, node.Path, node.AsString());
    }

    private static void Require(string fullPath, IReadOnlyList<string> roots, string key, string given)
    {
        if (!roots.Any(r => fullPath.StartsWith(r, StringComparison.Ordinal)))
            throw new SpecException(key, $"'{given}' is outside the server's data directories; campaigns on the grid may only name files under them");
    }
}
