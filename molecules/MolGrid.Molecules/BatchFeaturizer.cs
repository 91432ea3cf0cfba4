using System.Collections.Concurrent;

namespace MolGrid.Molecules;

/// <summary>Settings of <see cref="BatchFeaturizer"/> and <see cref="FingerprintIndex"/>.</summary>
public sealed class FeaturizerOptions
{
    public int MorganRadius { get; init; } = 2;

    public int MorganBits { get; init; } = 2048;

    /// <summary>Threads used; defaults to every core.</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    public static FeaturizerOptions Default { get; } = new();
}

/// <summary>
/// Featurises many SMILES over all cores: each molecule is parsed once and the same parsed molecule gives
/// the canonical SMILES, the descriptors and the fingerprint. Work is handed out in contiguous chunks and
/// results land at their input index, so the output does not depend on scheduling. A bad input does not
/// stop the batch: its result carries the reason.
/// </summary>
public static class BatchFeaturizer
{
    private const int ChunkSize = 64;

    public static FeaturizeResult[] Featurize(IReadOnlyList<string> smiles, FeaturizerOptions? options = null)
    {
        options ??= FeaturizerOptions.Default;
        var results = new FeaturizeResult[smiles.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.MaxDegreeOfParallelism) };
        Parallel.ForEach(Partitioner.Create(0, smiles.Count, ChunkSize), parallel, range =>
        {
            for (var i = range.Item1; i < range.Item2; i++) results[i] = FeaturizeOne(smiles[i], options);
        });
        return results;
    }

    public static FeaturizeResult FeaturizeOne(string smiles, FeaturizerOptions? options = null)
    {
        options ??= FeaturizerOptions.Default;
        try
        {
            using var mol = MoleculeParser.ParseSmiles(smiles);
            return new FeaturizeResult(Features(mol, options), null);
        }
        catch (InvalidMoleculeException e)
        {
            return new FeaturizeResult(null, e.Reason);
        }
    }

    public static MoleculeFeatures Features(Molecule mol, FeaturizerOptions? options = null)
    {
        options ??= FeaturizerOptions.Default;
        return new MoleculeFeatures(MoleculeWriter.CanonicalSmiles(mol), Descriptors.Compute(mol),
            Fingerprints.MorganBits(mol, options.MorganRadius, options.MorganBits));
    }
}
