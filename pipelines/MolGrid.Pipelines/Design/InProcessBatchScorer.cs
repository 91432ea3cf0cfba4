using MolGrid.Molecules;
using MolGrid.Pipelines.Scoring;

namespace MolGrid.Pipelines.Design;

/// <summary>
/// Scores batches in this process: canonicalises each SMILES, takes cached component values from the
/// <see cref="IScoreCache"/> (keyed by molecule key, component name and version), computes the rest in
/// parallel over molecules on every core, and combines them with <see cref="ScoringFunction.Combine"/>.
/// Results are aligned with the input whatever order the work finished in.
/// </summary>
public sealed class InProcessBatchScorer(ScoringFunction fn, IScoreCache? cache = null, int? maxParallelism = null) : IBatchScorer
{
    private readonly int _parallelism = Math.Max(1, maxParallelism ?? Environment.ProcessorCount);

    public ScoringFunction Function => fn;

    public async Task<IReadOnlyList<MoleculeScore>> ScoreAsync(IReadOnlyList<string> smiles, CancellationToken cancellationToken)
    {
        var n = smiles.Count;
        var canonical = new string?[n];
        var keys = new string?[n];
        var parseErrors = new string?[n];
        for (var i = 0; i < n; i++)
        {
            try
            {
                canonical[i] = MoleculeWriter.Canonicalize(smiles[i]);
                keys[i] = MoleculeKey.FromCanonicalSmiles(canonical[i]!);
            }
            catch (InvalidInputException e)
            {
                parseErrors[i] = e.Message;
            }
        }

        var components = fn.Components;
        var raw = new ComponentResult[components.Count][];
        var missing = new List<int>[components.Count];
        for (var c = 0; c < components.Count; c++)
        {
            raw[c] = new ComponentResult[n];
            missing[c] = [];
            IReadOnlyDictionary<string, ComponentResult> cached = cache is null
                ? new Dictionary<string, ComponentResult>()
                : await cache.GetManyAsync(components[c].Name, components[c].Version,
                    keys.Where(k => k is not null).Distinct().ToArray()!, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < n; i++)
            {
                if (keys[i] is null) raw[c][i] = ComponentResult.Fail(parseErrors[i]!);
                else if (cached.TryGetValue(keys[i]!, out var hit)) raw[c][i] = hit;
                else missing[c].Add(i);
            }
        }

        var pending = new bool[n];
        foreach (var m in missing) foreach (var i in m) pending[i] = true;
        var todo = Enumerable.Range(0, n).Where(i => pending[i]).ToArray();
        if (todo.Length > 0)
        {
            var needs = new HashSet<(int, int)>(missing.SelectMany((m, c) => m.Select(i => (c, i))));
            // Contiguous chunks, one per core; each chunk's molecules live on one thread (RDKit ownership).
            var chunks = Math.Min(_parallelism, todo.Length);
            await Parallel.ForAsync(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = chunks, CancellationToken = cancellationToken },
                async (chunk, ct) =>
                {
                    var from = (int)((long)todo.Length * chunk / chunks);
                    var to = (int)((long)todo.Length * (chunk + 1) / chunks);
                    var mols = new List<ScoringMolecule>(to - from);
                    try
                    {
                        for (var t = from; t < to; t++) mols.Add(new ScoringMolecule(keys[todo[t]]!, canonical[todo[t]]!));
                        for (var c = 0; c < components.Count; c++)
                        {
                            var subset = new List<int>();
                            for (var t = 0; t < mols.Count; t++)
                                if (needs.Contains((c, todo[from + t]))) subset.Add(t);
                            if (subset.Count == 0) continue;
                            var results = await components[c].ComputeAsync(subset.Select(t => mols[t]).ToArray(), ct).ConfigureAwait(false);
                            if (results.Count != subset.Count)
                                throw new InvalidOperationException($"component {components[c].Name} returned {results.Count} results for {subset.Count} molecules");
                            for (var s = 0; s < subset.Count; s++) raw[c][todo[from + subset[s]]] = results[s];
                        }
                    }
                    finally
                    {
                        foreach (var m in mols) m.Dispose();
                    }
                }).ConfigureAwait(false);

            if (cache is not null)
                for (var c = 0; c < components.Count; c++)
                {
                    var fresh = new Dictionary<string, ComponentResult>();
                    foreach (var i in missing[c]) fresh.TryAdd(keys[i]!, raw[c][i]);
                    if (fresh.Count > 0) await cache.PutManyAsync(components[c].Name, components[c].Version, fresh, cancellationToken).ConfigureAwait(false);
                }
        }

        var scores = new MoleculeScore[n];
        var row = new ComponentResult[components.Count];
        for (var i = 0; i < n; i++)
        {
            for (var c = 0; c < components.Count; c++) row[c] = raw[c][i];
            scores[i] = fn.Combine(canonical[i] ?? smiles[i], row.ToArray());
        }
        return scores;
    }
}
