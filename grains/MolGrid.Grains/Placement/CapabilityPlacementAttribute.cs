using Orleans.Placement;

namespace MolGrid.Grains.Placement;

/// <summary>Marks a grain class as work placed by <see cref="CapabilityPlacementStrategy"/>. Its keys must be
/// <see cref="Contracts.WorkKey"/>s.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class CapabilityPlacementAttribute() : PlacementAttribute(CapabilityPlacementStrategy.Instance);
