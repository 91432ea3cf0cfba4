namespace MolGrid.Pipelines.Design.Generators.Reinvent;

/// <summary>One remembered molecule: canonical SMILES and the score it was trained with.</summary>
public sealed record ReplayEntry(string Smiles, double Score);

/// <summary>
/// Experience replay: the best-scoring molecules seen so far (one entry per molecule), replayed beside each new
/// batch so the agent keeps what it found. Kept in the loop's state as a plain list, best first.
/// </summary>
public static class ReplayBuffer
{
    /// <summary>The buffer after adding <paramref name="entries"/>: distinct molecules, best <paramref name="capacity"/>
    /// by score, ties by SMILES (ordinal) so the result does not depend on arrival order. Zero scores are not kept.</summary>
    public static List<ReplayEntry> Add(IEnumerable<ReplayEntry> buffer, IEnumerable<ReplayEntry> entries, int capacity)
    {
        if (capacity <= 0) return [];
        var best = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var e in buffer.Concat(entries))
        {
            if (!(e.Score > 0)) continue;
            if (!best.TryGetValue(e.Smiles, out var s) || e.Score > s) best[e.Smiles] = e.Score;
        }
        return best.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Take(capacity)
            .Select(kv => new ReplayEntry(kv.Key, kv.Value)).ToList();
    }

    /// <summary>Up to <paramref name="count"/> entries drawn without replacement with <paramref name="rng"/>; the
    /// whole buffer when it holds no more.</summary>
    public static IReadOnlyList<ReplayEntry> Sample(IReadOnlyList<ReplayEntry> buffer, int count, DesignRandom rng)
    {
        if (count <= 0 || buffer.Count == 0) return [];
        if (buffer.Count <= count) return buffer;
        var idx = Enumerable.Range(0, buffer.Count).ToArray();
        for (var i = 0; i < count; i++)
        {
            var j = i + rng.Next(idx.Length - i);
            (idx[i], idx[j]) = (idx[j], idx[i]);
        }
        return idx.Take(count).Select(i => buffer[i]).ToArray();
    }
}
