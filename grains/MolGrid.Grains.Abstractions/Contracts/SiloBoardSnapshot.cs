namespace MolGrid.Grains.Contracts;

/// <summary>The load board as placement sees it: the latest report of each silo and the silos being drained.
/// Silos are named by <c>SiloAddress.ToParsableString()</c>.</summary>
[GenerateSerializer, Alias("molgrid.silo-board-snapshot")]
public sealed record SiloBoardSnapshot(
    [property: Id(0)] IReadOnlyDictionary<string, SiloLoadReport> Loads,
    [property: Id(1)] IReadOnlySet<string> Draining)
{
    public static SiloBoardSnapshot Empty { get; } = new(new Dictionary<string, SiloLoadReport>(), new HashSet<string>());
}
