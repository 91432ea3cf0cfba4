namespace MolGrid.Grains.Contracts;

/// <summary>
/// One per cluster (key 0): where silos publish their slot load and where admins mark silos draining. Placement
/// reads a local copy refreshed every report interval, never the grain itself, so placing work costs no call.
/// The drain set is persisted; loads are soft state that the next reports rebuild.
/// </summary>
[Alias("molgrid.silo-board")]
public interface ISiloBoardGrain : IGrainWithIntegerKey
{
    [Alias("report")] Task<SiloBoardSnapshot> ReportAsync(SiloLoadReport report);

    [Alias("snapshot")] Task<SiloBoardSnapshot> SnapshotAsync();

    /// <summary>Marks a silo draining (takes no new work grains) or back in service.</summary>
    [Alias("set-draining")] Task SetDrainingAsync(string silo, bool draining);
}
