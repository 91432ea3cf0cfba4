namespace MolGrid.Grains.Configuration;

/// <summary>A worker node: which capability queues it consumes and how many batches it works on at once.</summary>
public sealed class SiloOptions
{
    public string Id { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    public IReadOnlyList<string> Roles { get; set; } = MolGrid.Pipelines.Scoring.Capabilities.All;

    /// <summary>Batches in progress at once; also the broker prefetch of each work queue.</summary>
    public int Slots { get; set; } = Math.Max(1, Environment.ProcessorCount);

    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest a component may take for one molecule before that molecule is failed.</summary>
    public TimeSpan MoleculeTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Delivery attempts of a batch whose processing throws before it goes to the error queue.</summary>
    public int BatchRetries { get; set; } = 2;

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
