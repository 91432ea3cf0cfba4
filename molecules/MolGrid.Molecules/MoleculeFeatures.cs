namespace MolGrid.Molecules;

/// <summary>What MolGrid computes for every molecule it stores or searches: canonical isomeric SMILES,
/// the descriptor set and a Morgan bit fingerprint, all from one parse.</summary>
public sealed record MoleculeFeatures(string CanonicalSmiles, MolDescriptors Descriptors, BitFingerprint Fingerprint);

/// <summary>The features of one input, or why it has none.</summary>
public readonly record struct FeaturizeResult(MoleculeFeatures? Features, string? Error)
{
    public bool IsValid => Features is not null;
}
