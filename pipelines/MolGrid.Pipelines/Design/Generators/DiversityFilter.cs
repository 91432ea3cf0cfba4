using System.Text.Json;
using MolGrid.Molecules;

namespace MolGrid.Pipelines.Design.Generators;

/// <summary>
/// A loop's stop counters, kept in <see cref="DesignState.GeneratorState"/> as JSON so they survive a restart.
/// The diversity filter's buckets are not here: they are a fold of the scored history
/// (<see cref="DiversityMemory"/>), so the state a grid writes every round stays the same size as a campaign ages.
/// </summary>
public sealed record LoopMemory
{
    public int Stalled { get; init; }
    public double BestTop100 { get; init; } = -1;
    public int NoImprovement { get; init; }

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads the counters; a state written when the buckets were stored here still reads (they are
    /// ignored, and rebuilt from the history to the same values).</summary>
    public static LoopMemory FromJson(string? json) =>
        string.IsNullOrEmpty(json) ? new LoopMemory() : JsonSerializer.Deserialize<LoopMemory>(json, Json) ?? new LoopMemory();
}

/// <summary>The diversity filter of <see cref="DiversitySpec"/>: scaffold bucket limit and similarity penalty.</summary>
internal sealed class DiversityFilter(DiversitySpec spec)
{
    public bool Enabled => spec.Enabled;

    /// <summary>Folds newly scored molecules (in proposal order) into the buckets; records the effective
    /// score of every molecule that lands in a full bucket.</summary>
    public void Update(DiversityMemory memory, IEnumerable<MoleculeScore> scores)
    {
        if (!spec.Enabled) return;
        foreach (var s in scores)
        {
            if (s.Failed || s.Total < spec.MinScore) continue;
            var scaffold = Scaffold(s.Smiles);
            memory.Buckets.TryGetValue(scaffold, out var count);
            if (count >= spec.BucketSize) memory.Penalized[s.Smiles] = s.Total * spec.Penalty;
            memory.Buckets[scaffold] = count + 1;
        }
    }

    private static string Scaffold(string smiles)
    {
        using var mol = MoleculeParser.ParseSmiles(smiles);
        string scaffold;
        try { scaffold = Fragmentation.MurckoScaffold(mol); }
        // RDKit's Murcko decomposition rejects a few stereo arrangements; such a molecule is its own bucket.
        catch (InvalidInputException) { return "no-scaffold:" + smiles; }
        // Acyclic molecules have no scaffold; bucket them by their own SMILES so they are not all one bucket.
        return scaffold.Length == 0 ? "acyclic:" + smiles : scaffold;
    }

    /// <summary>Chooses the population greedily: each pick is the candidate with the best effective score, where a
    /// candidate whose Tanimoto to an already chosen one reaches the threshold competes with its penalised score
    /// (the penalty applies once, however many chosen neighbours it has). Ties go to the earlier rank.</summary>
    public IReadOnlyList<string> Select(IReadOnlyList<(string Smiles, double Score)> ranked, int size)
    {
        if (!spec.Enabled || spec.SimilarityThreshold >= 1.0 || spec.SimilarityPenalty >= 1.0)
            return ranked.Take(size).Select(r => r.Smiles).ToArray();
        var chosen = new List<string>(size);
        var chosenFps = new List<BitFingerprint>(size);
        // Lazy greedy: a queued key is an upper bound on the candidate's effective score, because the chosen set
        // only grows. An unpenalised candidate is checked when it reaches the front; if it now has a similar
        // chosen neighbour it goes back with its penalised score, which is final.
        var queue = new PriorityQueue<(int Index, bool Penalised), (double Score, int Index)>(
            Comparer<(double Score, int Index)>.Create((a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : a.Index.CompareTo(b.Index)));
        for (var i = 0; i < ranked.Count; i++) queue.Enqueue((i, false), (ranked[i].Score, i));
        var fingerprints = new Dictionary<int, BitFingerprint>();
        while (chosen.Count < size && queue.TryDequeue(out var next, out _))
        {
            if (!fingerprints.TryGetValue(next.Index, out var fp))
            {
                using var mol = MoleculeParser.ParseSmiles(ranked[next.Index].Smiles);
                fingerprints[next.Index] = fp = Fingerprints.MorganBits(mol);
            }
            if (!next.Penalised && chosenFps.Any(c => Similarity.Tanimoto(fp, c) >= spec.SimilarityThreshold))
            {
                queue.Enqueue((next.Index, true), (ranked[next.Index].Score * spec.SimilarityPenalty, next.Index));
                continue;
            }
            chosen.Add(ranked[next.Index].Smiles);
            chosenFps.Add(fp);
        }
        return chosen;
    }
}
