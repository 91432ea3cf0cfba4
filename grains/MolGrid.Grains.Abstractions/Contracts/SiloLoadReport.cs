namespace MolGrid.Grains.Contracts;

/// <summary>What one silo tells the load board every report interval: how many of its work slots are busy.</summary>
[GenerateSerializer, Alias("molgrid.silo-load-report")]
public sealed record SiloLoadReport(
    [property: Id(0)] string Silo,
    [property: Id(1)] int Busy,
    [property: Id(2)] int Slots,
    [property: Id(3)] DateTimeOffset At);
