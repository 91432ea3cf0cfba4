namespace MolGrid.Grains.Messages;

/// <summary>A unit of work: compute the raw values of every component of one capability for a batch of
/// molecules. <see cref="BatchId"/> is deterministic (round, capability, index), so a resent or redelivered
/// batch is recognised. The spec travels with the batch so any silo can build the components.</summary>
public sealed record ScoreBatch
{
    public required string CampaignId { get; init; }
    public required int Round { get; init; }
    public required string BatchId { get; init; }
    public required string Capability { get; init; }
    public required string Spec { get; init; }
    public required IReadOnlyList<BatchMolecule> Molecules { get; init; }
}

public sealed record BatchMolecule(string Key, string Smiles);
