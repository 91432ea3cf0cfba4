using Orleans;
using Orleans.Runtime;

namespace MolGrid.Grains.Placement;

/// <summary>
/// Place a work grain on a live silo that has the capability its key starts with (see
/// <see cref="Contracts.WorkKey"/>), least-loaded first, never on a draining silo. Orleans' own silo-metadata
/// filters compare a candidate's metadata with the <em>caller's</em>, which cannot express "a silo with the gpu
/// role", hence a strategy and director of MolGrid's own.
/// </summary>
[GenerateSerializer, Alias("molgrid.capability-placement"), Immutable]
public sealed class CapabilityPlacementStrategy : PlacementStrategy
{
    internal static CapabilityPlacementStrategy Instance { get; } = new();
}
