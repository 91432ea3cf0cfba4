using System.Collections.Concurrent;
using MolGrid.Molecules;

namespace MolGrid.Pipelines.Design.Generators.Reinvent;

/// <summary>What <see cref="PriorCorpus.Prepare"/> kept and dropped, and why.</summary>
public sealed record PriorCorpusReport(
    int Read,
    int Invalid,
    int DisallowedElements,
    int TooLong,
    int SimilarToHoldout,
    int Duplicates,
    int RareTokens,
    int Kept,
    int VocabularySize,
    IReadOnlyDictionary<string, int> ExcludedByReference);

/// <summary>
/// Turns a raw SMILES corpus into a prior's training set, following GuacaMol's preparation of ChEMBL: keep the
/// largest fragment, keep only H, B, C, N, O, F, Si, P, S, Cl, Se, Br, I, write canonical SMILES without
/// stereochemistry, drop those over 100 characters, drop every molecule within ECFP4 Tanimoto 0.323 of a
/// hold-out molecule (the PMO references), remove duplicates. Then tokens seen in fewer than
/// <c>minTokenCount</c> molecules are left out of the vocabulary and their molecules out of the corpus.
/// (GuacaMol also neutralises charges; that step is not reproduced here.)
/// </summary>
public static class PriorCorpus
{
    public const int MaxCanonicalLength = 100;

    private static readonly HashSet<int> AllowedElements = [1, 5, 6, 7, 8, 9, 14, 15, 16, 17, 34, 35, 53];

    private enum Outcome { Kept, Invalid, Elements, TooLong, Similar }

    public static (List<string> Smiles, SmilesVocabulary Vocabulary, PriorCorpusReport Report) Prepare(
        IReadOnlyList<string> raw, HoldoutSimilarityFilter holdout, int minTokenCount = 20,
        Action<int>? progress = null)
    {
        var results = new (Outcome Outcome, string? Smiles, string? Nearest)[raw.Count];
        var done = 0;
        Parallel.For(0, raw.Count, i =>
        {
            results[i] = Standardise(raw[i], holdout);
            var n = Interlocked.Increment(ref done);
            if (n % 50_000 == 0) progress?.Invoke(n);
        });

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var kept = new List<string>();
        var byReference = new ConcurrentDictionary<string, int>();
        int invalid = 0, elements = 0, tooLong = 0, similar = 0, duplicates = 0;
        foreach (var (outcome, smiles, nearest) in results)
        {
            switch (outcome)
            {
                case Outcome.Invalid: invalid++; break;
                case Outcome.Elements: elements++; break;
                case Outcome.TooLong: tooLong++; break;
                case Outcome.Similar:
                    similar++;
                    byReference.AddOrUpdate(nearest!, 1, (_, c) => c + 1);
                    break;
                default:
                    if (seen.Add(smiles!)) kept.Add(smiles!);
                    else duplicates++;
                    break;
            }
        }

        var vocabulary = SmilesVocabulary.Build(kept, minTokenCount);
        var covered = kept.Where(vocabulary.Covers).ToList();
        var report = new PriorCorpusReport(raw.Count, invalid, elements, tooLong, similar, duplicates,
            kept.Count - covered.Count, covered.Count, vocabulary.Count,
            byReference.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary(kv => kv.Key, kv => kv.Value));
        return (covered, vocabulary, report);
    }

    private static (Outcome, string?, string?) Standardise(string raw, HoldoutSimilarityFilter holdout)
    {
        var text = LargestFragment(raw.Trim());
        if (text.Length == 0 || text.Length > InputLimits.MaxSmilesLength) return (Outcome.Invalid, null, null);
        if (!MoleculeParser.TryParseSmiles(text, out var mol, out _) || mol is null) return (Outcome.Invalid, null, null);
        using (mol)
        {
            if (mol.AtomCount == 0) return (Outcome.Invalid, null, null);
            foreach (var atom in MolGraph.Atoms(mol))
                if (!AllowedElements.Contains(atom.AtomicNumber)) return (Outcome.Elements, null, null);
            var canonical = MoleculeWriter.CanonicalSmiles(mol, isomeric: false);
            if (canonical.Length > MaxCanonicalLength) return (Outcome.TooLong, null, null);
            if (holdout.Excludes(mol, out var nearest, out _)) return (Outcome.Similar, null, nearest);
            return (Outcome.Kept, canonical, null);
        }
    }

    /// <summary>GuacaMol's split_charged_mol: of a dot-separated SMILES, the longest part (salts, solvents).</summary>
    public static string LargestFragment(string smiles)
    {
        if (!smiles.Contains('.')) return smiles;
        var best = "";
        foreach (var part in smiles.Split('.'))
            if (part.Length > best.Length) best = part;
        return best;
    }
}
