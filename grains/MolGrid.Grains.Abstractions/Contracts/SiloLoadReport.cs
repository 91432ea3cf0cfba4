namespace MolGrid.Grains.Contracts;

/// <summary>What one silo tells the load board every report interval: how many of its work slots are busy, and
/// for the silo view its roles, host, start time and the batches and molecules it has scored.</summary>
[GenerateSerializer, Alias("molgrid.silo-load-report")]
public sealed record SiloLoadReport(
    [property: Id(0)] string Silo,
    [property: Id(1)] int Busy,
    [property: Id(2)] int Slots,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] IReadOnlyList<string>? Roles = null,
    [property: Id(5)] long BatchesDone = 0,
    [property: Id(6)] long MoleculesDone = 0,
    [property: Id(7)] string? Host = null,
    [property: Id(8)] DateTimeOffset StartedAt = default);
