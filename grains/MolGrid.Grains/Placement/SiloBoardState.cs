using Orleans;

namespace MolGrid.Grains.Placement;

/// <summary>The persisted part of the board: which silos are draining.</summary>
[GenerateSerializer, Alias("molgrid.silo-board-state")]
public sealed class SiloBoardState
{
    [Id(0)] public HashSet<string> Draining { get; set; } = new();
}
