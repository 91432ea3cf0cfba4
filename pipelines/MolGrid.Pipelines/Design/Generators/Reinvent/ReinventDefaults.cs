namespace MolGrid.Pipelines.Design.Generators.Reinvent;

/// <summary>Where the shipped prior and its corpus live: samples/prior under $MOLGRID_HOME (the ./molgrid wrapper
/// sets it), else under the first folder above the working directory or the application that has them.</summary>
public static class ReinventDefaults
{
    public static string PriorDirectory() => Find(Path.Combine("samples", "prior", "reinvent_prior"));

    public static string CorpusPath() => Find(Path.Combine("samples", "prior", "chembl_like_pmo_filtered.csv.gz"));

    private static string Find(string relative)
    {
        var roots = new List<string?> { Environment.GetEnvironmentVariable("MOLGRID_HOME"), Directory.GetCurrentDirectory(), AppContext.BaseDirectory };
        foreach (var root in roots.Where(r => !string.IsNullOrEmpty(r)))
            for (var dir = new DirectoryInfo(root!); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, relative);
                if (File.Exists(candidate) || Directory.Exists(candidate)) return candidate;
            }
        throw new InvalidInputException(relative, "the shipped prior was not found (set MOLGRID_HOME to the repository, or pass --model)");
    }
}
