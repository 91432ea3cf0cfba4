namespace MolGrid.Pipelines.Qsar;

/// <summary>Indices of a train/test split.</summary>
public sealed record DataSplit(int[] Train, int[] Test);

/// <summary>
/// Bemis-Murcko scaffold split: molecules sharing a scaffold (acyclic molecules share the empty one) land on
/// the same side, so the test set asks for extrapolation to new chemotypes. Scaffold groups are ordered as in
/// chemprop's balanced scaffold split: groups larger than half the test size first, then the rest, each part
/// shuffled by the seed; groups fill the training set until it would exceed its share, the rest is test.
/// Deterministic for a given seed and data order.
/// </summary>
public static class ScaffoldSplit
{
    public static DataSplit Split(IReadOnlyList<string> scaffolds, double testFraction = 0.2, int seed = 0)
    {
        if (testFraction is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(testFraction));
        var n = scaffolds.Count;
        var groups = Enumerable.Range(0, n).GroupBy(i => scaffolds[i], StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.ToArray()).ToArray();
        var trainSize = (int)Math.Floor((1 - testFraction) * n);
        var testSize = n - trainSize;
        var rng = new Random(seed);
        var big = groups.Where(g => g.Length > testSize / 2).ToArray();
        var small = groups.Where(g => g.Length <= testSize / 2).ToArray();
        rng.Shuffle(big);
        rng.Shuffle(small);
        var train = new List<int>();
        var test = new List<int>();
        foreach (var g in big.Concat(small))
        {
            if (train.Count + g.Length <= trainSize) train.AddRange(g);
            else test.AddRange(g);
        }
        train.Sort();
        test.Sort();
        return new DataSplit(train.ToArray(), test.ToArray());
    }
}

/// <summary>A seeded uniform random split (the optimistic baseline beside the scaffold split).</summary>
public static class RandomSplit
{
    public static DataSplit Split(int count, double testFraction = 0.2, int seed = 0)
    {
        if (testFraction is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(testFraction));
        var order = Enumerable.Range(0, count).ToArray();
        new Random(seed).Shuffle(order);
        var testSize = count - (int)Math.Floor((1 - testFraction) * count);
        var test = order[..testSize];
        var train = order[testSize..];
        Array.Sort(test);
        Array.Sort(train);
        return new DataSplit(train, test);
    }
}
