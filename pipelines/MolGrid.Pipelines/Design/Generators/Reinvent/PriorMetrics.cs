using MolGrid.Molecules;

namespace MolGrid.Pipelines.Design.Generators.Reinvent;

/// <summary>The usual distribution-learning figures (MOSES/GuacaMol definitions): validity = parsing samples /
/// samples; uniqueness = distinct canonical SMILES / valid; novelty = distinct valid not in the training set /
/// distinct valid; internal diversity = 1 - mean pairwise ECFP4 (2,048 bits) Tanimoto over distinct valid ones.</summary>
public sealed record PriorMetrics(int Samples, int Valid, int Unique, int Novel, double Validity, double Uniqueness, double Novelty, double InternalDiversity)
{
    public static PriorMetrics Compute(IReadOnlyList<string> samples, IEnumerable<string> trainingCanonical)
    {
        var canonical = new string?[samples.Count];
        var fps = new BitFingerprint?[samples.Count];
        Parallel.For(0, samples.Count, i =>
        {
            if (samples[i].Length == 0 || !MoleculeParser.TryParseSmiles(samples[i], out var mol, out _) || mol is null) return;
            using (mol)
            {
                canonical[i] = MoleculeWriter.CanonicalSmiles(mol, isomeric: false);
                fps[i] = Fingerprints.MorganBits(mol, 2, 2048);
            }
        });
        var valid = canonical.Count(c => c is not null);
        var distinct = new Dictionary<string, BitFingerprint>(StringComparer.Ordinal);
        for (var i = 0; i < samples.Count; i++)
            if (canonical[i] is { } c) distinct.TryAdd(c, fps[i]!);
        var training = new HashSet<string>(trainingCanonical, StringComparer.Ordinal);
        var novel = distinct.Keys.Count(k => !training.Contains(k));
        var list = distinct.Values.ToArray();
        double sum = 0;
        long pairs = 0;
        var partial = new double[list.Length];
        Parallel.For(0, list.Length, i =>
        {
            double s = 0;
            for (var j = i + 1; j < list.Length; j++) s += Similarity.Tanimoto(list[i], list[j]);
            partial[i] = s;
        });
        sum = partial.Sum();
        pairs = (long)list.Length * (list.Length - 1) / 2;
        return new PriorMetrics(samples.Count, valid, distinct.Count, novel,
            samples.Count == 0 ? 0 : valid / (double)samples.Count,
            valid == 0 ? 0 : distinct.Count / (double)valid,
            distinct.Count == 0 ? 0 : novel / (double)distinct.Count,
            pairs == 0 ? 0 : 1 - sum / pairs);
    }
}
