namespace MolGrid.Grains.Configuration;

/// <summary>The embedded grid's one silo: which work it takes and how many batches it works on at once.</summary>
public sealed class SiloOptions
{
    public IReadOnlyList<string> Roles { get; set; } = MolGrid.Pipelines.Scoring.Capabilities.All;

    /// <summary>Batches in progress at once.</summary>
    public int Slots { get; set; } = Math.Max(1, Environment.ProcessorCount);

    /// <summary>Longest a component may take for one molecule before that molecule is failed.</summary>
    public TimeSpan MoleculeTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Parses `--roles cpu,gpu,docking`.</summary>
    public static IReadOnlyList<string> ParseRoles(string text)
    {
        var roles = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(r => r.ToLowerInvariant()).Distinct().ToList();
        if (roles.Count == 0) throw new GridConfigException(text, "no roles given (expected some of cpu,gpu,docking)");
        foreach (var r in roles)
            if (!MolGrid.Pipelines.Scoring.Capabilities.All.Contains(r))
                throw new GridConfigException(text, $"unknown role '{r}' (expected cpu, gpu or docking)");
        return roles;
    }
}
