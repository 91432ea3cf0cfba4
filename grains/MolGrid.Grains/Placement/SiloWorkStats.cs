namespace MolGrid.Grains.Placement;

/// <summary>This silo's roles, start time and work done so far, carried in its load reports so that the silo
/// view (API, dashboard, metrics) is built from the load board and Orleans' membership alone.</summary>
public sealed class SiloWorkStats(IReadOnlyList<string> roles)
{
    private long _batches;
    private long _molecules;

    public IReadOnlyList<string> Roles { get; } = roles;

    public DateTimeOffset StartedAt { get; } = DateTimeOffset.UtcNow;

    public long BatchesDone => Interlocked.Read(ref _batches);

    public long MoleculesDone => Interlocked.Read(ref _molecules);

    public void RecordBatch(int molecules)
    {
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _molecules, molecules);
    }
}
