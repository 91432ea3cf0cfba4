namespace MolGrid.Grains.Contracts;

/// <summary>One batch for a work grain: compute the raw values of every component of one capability for these
/// molecules. The spec travels with it so any silo can build the components (plans are cached per campaign).
/// <see cref="Cached"/> null: the work grain reads the score cache itself; a list (empty when nothing was cached):
/// the caller read it for the whole round, and these are the hits for this batch's molecules.</summary>
[GenerateSerializer, Alias("molgrid.work-request")]
public sealed record WorkRequest(
    [property: Id(0)] string CampaignId,
    [property: Id(1)] int Round,
    [property: Id(2)] string BatchId,
    [property: Id(3)] string Capability,
    [property: Id(4)] string Spec,
    [property: Id(5)] IReadOnlyList<WorkMolecule> Molecules,
    [property: Id(6)] IReadOnlyList<WorkCachedValue>? Cached = null);

[GenerateSerializer, Alias("molgrid.work-molecule")]
public sealed record WorkMolecule([property: Id(0)] string Key, [property: Id(1)] string Smiles);
