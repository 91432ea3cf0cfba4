namespace MolGrid.Grains.Contracts;

/// <summary>A score-cache hit that travels with a batch: one component's raw value for one molecule, or the reason
/// it has none, as the cache holds it.</summary>
[GenerateSerializer, Alias("molgrid.work-cached-value")]
public sealed record WorkCachedValue(
    [property: Id(0)] string Component,
    [property: Id(1)] string Key,
    [property: Id(2)] double Value,
    [property: Id(3)] string? Error);
