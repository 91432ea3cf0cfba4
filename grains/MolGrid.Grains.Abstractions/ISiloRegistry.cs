namespace MolGrid.Grains;

/// <summary>The grid's worker nodes as cluster admins see them.</summary>
public interface ISiloRegistry
{
    Task<IReadOnlyList<SiloInfo>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Asks a silo to finish its work in hand and take no more. False when unknown.</summary>
    Task<bool> DrainAsync(string siloId, CancellationToken cancellationToken);

    /// <summary>Lets a drained silo take work again. False when unknown.</summary>
    Task<bool> ResumeAsync(string siloId, CancellationToken cancellationToken);

    /// <summary>Counters for the Prometheus endpoint: queue depths, batches done, silo load.</summary>
    Task<GridMetrics> GetMetricsAsync(CancellationToken cancellationToken);
}

public enum SiloState { Active, Draining, Drained, Lost }

public sealed record SiloInfo(
    string Id,
    string Host,
    IReadOnlyList<string> Roles,
    int Slots,
    int Busy,
    SiloState State,
    long BatchesDone,
    DateTimeOffset StartedAt,
    DateTimeOffset LastHeartbeat);

public sealed record GridMetrics(
    IReadOnlyDictionary<string, long> QueueDepths,
    long BatchesCompleted,
    long MoleculesScored,
    double BatchesPerSecond,
    IReadOnlyList<SiloInfo> Silos);
