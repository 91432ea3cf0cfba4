namespace MolGrid.Grains.Configuration;

/// <summary>The campaign orchestrator: claims campaigns from the store under a lease and runs their rounds.</summary>
public sealed class OrchestratorOptions
{
    public string Id { get; set; } = $"orch-{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>A campaign whose orchestrator stops renewing its lease for this long is taken over.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Batches of a round still missing after this long without any completion are sent again
    /// (safe: results are insert-if-absent and component values are cached).</summary>
    public TimeSpan ResendAfter { get; set; } = TimeSpan.FromSeconds(60);

    public int MaxConcurrentCampaigns { get; set; } = 4;
}
