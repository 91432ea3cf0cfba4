using System.Runtime.CompilerServices;

namespace MolGrid.Molecules;

/// <summary>One neighbour found by <see cref="FingerprintIndex"/>; <see cref="Index"/> is its position in the
/// index (input order), <see cref="Rank"/> starts at 1.</summary>
public sealed record SimilarityHit(int Rank, int Index, string Id, string Smiles, double Similarity);

/// <summary>
/// In-memory Tanimoto search over Morgan bit fingerprints. The fingerprints sit in one contiguous array with
/// their bit counts precomputed, so a query costs one AND + popcount pass per entry and nothing else is
/// recomputed. A search runs over every core: the entries are cut into contiguous partitions, each keeps its
/// own top-k heap, and the partial results are merged. Ties in similarity are broken by index (lower first),
/// so results are the same however the work is split. Similarities are RDKit's (DataStructs.TanimotoSimilarity,
/// 1 for two empty fingerprints). Immutable after construction and safe to query from several threads.
/// </summary>
public sealed class FingerprintIndex
{
    private const int MinPartitionSize = 1024;

    /// <summary>Entries per cache tile of a batch search (512 x 256 bytes at 2048 bits).</summary>
    private const int TileSize = 512;

    private readonly ulong[] _words;
    private readonly int[] _bitCounts;
    private readonly string[] _ids;
    private readonly string[] _smiles;
    private readonly int _wordsPerFingerprint;

    private FingerprintIndex(string[] ids, string[] smiles, ulong[] words, int[] bitCounts, FeaturizerOptions options)
    {
        _ids = ids;
        _smiles = smiles;
        _words = words;
        _bitCounts = bitCounts;
        Options = options;
        _wordsPerFingerprint = options.MorganBits / 64;
    }

    public FeaturizerOptions Options { get; }

    public int Count => _ids.Length;

    public string Id(int index) => _ids[index];

    public string Smiles(int index) => _smiles[index];

    /// <summary>Fingerprints every (id, SMILES) record over all cores. An unparsable SMILES throws
    /// <see cref="InvalidMoleculeException"/> naming the record; filter first (e.g. with the file readers'
    /// per-record errors) to skip bad records instead.</summary>
    public static FingerprintIndex Build(IReadOnlyList<(string Id, string Smiles)> records, FeaturizerOptions? options = null)
    {
        options ??= FeaturizerOptions.Default;
        CheckBits(options.MorganBits);
        var n = records.Count;
        var wordsPer = options.MorganBits / 64;
        var words = new ulong[(long)n * wordsPer];
        var counts = new int[n];
        var errors = new string?[n];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.MaxDegreeOfParallelism) };
        // Partitioner.Create rejects an empty range; an empty index is still a valid index.
        if (n > 0)
        {
            Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(0, n, 64), parallel, range =>
            {
                for (var i = range.Item1; i < range.Item2; i++)
                {
                    try
                    {
                        using var mol = MoleculeParser.ParseSmiles(records[i].Smiles);
                        var fp = Fingerprints.MorganBits(mol, options.MorganRadius, options.MorganBits);
                        fp.Words.CopyTo(words, (long)i * wordsPer);
                        counts[i] = fp.BitCount;
                    }
                    catch (InvalidMoleculeException e)
                    {
                        errors[i] = e.Reason;
                    }
                }
            });
        }
        for (var i = 0; i < n; i++)
            if (errors[i] is { } error)
                throw new InvalidMoleculeException(records[i].Smiles, $"record {i + 1} (id '{records[i].Id}'): {error}");
        return new FingerprintIndex(records.Select(r => r.Id).ToArray(), records.Select(r => r.Smiles).ToArray(), words, counts, options);
    }

    /// <summary>An index over fingerprints computed elsewhere (all of <paramref name="options"/>' length).</summary>
    public static FingerprintIndex FromFingerprints(IReadOnlyList<string> ids, IReadOnlyList<string> smiles,
        IReadOnlyList<BitFingerprint> fingerprints, FeaturizerOptions? options = null)
    {
        options ??= FeaturizerOptions.Default;
        CheckBits(options.MorganBits);
        if (ids.Count != fingerprints.Count || smiles.Count != fingerprints.Count)
            throw new ArgumentException("ids, smiles and fingerprints must have the same length");
        var wordsPer = options.MorganBits / 64;
        var words = new ulong[(long)fingerprints.Count * wordsPer];
        var counts = new int[fingerprints.Count];
        for (var i = 0; i < fingerprints.Count; i++)
        {
            if (fingerprints[i].Words.Length != wordsPer)
                throw new ArgumentException($"fingerprint {i} has {fingerprints[i].Length} bits, the index {options.MorganBits}");
            fingerprints[i].Words.CopyTo(words, (long)i * wordsPer);
            counts[i] = fingerprints[i].BitCount;
        }
        return new FingerprintIndex(ids.ToArray(), smiles.ToArray(), words, counts, options);
    }

    /// <summary>The fingerprint of a query SMILES with this index's settings.</summary>
    public BitFingerprint QueryFingerprint(string smiles)
    {
        using var mol = MoleculeParser.ParseSmiles(smiles);
        return Fingerprints.MorganBits(mol, Options.MorganRadius, Options.MorganBits);
    }

    public IReadOnlyList<SimilarityHit> TopK(string querySmiles, int k) => TopK(QueryFingerprint(querySmiles), k);

    public IReadOnlyList<SimilarityHit> WithinThreshold(string querySmiles, double minSimilarity) =>
        WithinThreshold(QueryFingerprint(querySmiles), minSimilarity);

    /// <summary>The <paramref name="k"/> most similar entries, most similar first (ties: lower index first).
    /// One query is split over the cores.</summary>
    public IReadOnlyList<SimilarityHit> TopK(BitFingerprint query, int k)
    {
        CheckQuery(query);
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), k, "must be at least 1");
        var partitions = PartitionCount();
        var partial = new (int Index, double Similarity)[partitions][];
        Parallel.For(0, partitions, new ParallelOptions { MaxDegreeOfParallelism = partitions }, p =>
        {
            var (start, end) = PartitionBounds(p, partitions);
            partial[p] = ScanTopK(query, k, start, end);
        });
        return Merge(partial, k);
    }

    /// <summary>Top-k of many queries at once (same results as one <see cref="TopK(BitFingerprint, int)"/> call
    /// per query). The queries are split into one group per core; each group walks the index in tiles small
    /// enough to stay in cache and scores all its queries against a tile before moving on, so the index is
    /// read from memory once per group rather than once per query.</summary>
    public IReadOnlyList<SimilarityHit>[] TopK(IReadOnlyList<BitFingerprint> queries, int k)
    {
        foreach (var q in queries) CheckQuery(q);
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), k, "must be at least 1");
        var results = new IReadOnlyList<SimilarityHit>[queries.Count];
        var groups = Math.Clamp(queries.Count, 1, Math.Max(1, Options.MaxDegreeOfParallelism));
        Parallel.For(0, groups, new ParallelOptions { MaxDegreeOfParallelism = groups }, g =>
        {
            var first = (int)((long)queries.Count * g / groups);
            var last = (int)((long)queries.Count * (g + 1) / groups);
            var scans = new TopKScan[last - first];
            for (var j = 0; j < scans.Length; j++) scans[j] = new TopKScan(queries[first + j], k);
            for (var tile = 0; tile < Count; tile += TileSize)
            {
                var end = Math.Min(Count, tile + TileSize);
                foreach (var scan in scans) Scan(scan, tile, end);
            }
            for (var j = 0; j < scans.Length; j++) results[first + j] = Merge([scans[j].Items()], k);
        });
        return results;
    }

    /// <summary>Every entry with similarity at least <paramref name="minSimilarity"/>, most similar first
    /// (ties: lower index first).</summary>
    public IReadOnlyList<SimilarityHit> WithinThreshold(BitFingerprint query, double minSimilarity)
    {
        CheckQuery(query);
        if (double.IsNaN(minSimilarity) || minSimilarity < 0 || minSimilarity > 1)
            throw new ArgumentOutOfRangeException(nameof(minSimilarity), minSimilarity, "must be within 0..1");
        var partitions = PartitionCount();
        var partial = new List<(int Index, double Similarity)>[partitions];
        Parallel.For(0, partitions, new ParallelOptions { MaxDegreeOfParallelism = partitions }, p =>
        {
            var (start, end) = PartitionBounds(p, partitions);
            var found = new List<(int, double)>();
            for (var i = start; i < end; i++)
            {
                var s = SimilarityAt(query, i);
                if (s >= minSimilarity) found.Add((i, s));
            }
            partial[p] = found;
        });
        return partial.SelectMany(x => x).OrderByDescending(x => x.Similarity).ThenBy(x => x.Index)
            .Select((x, rank) => Hit(rank, x.Index, x.Similarity)).ToArray();
    }

    /// <summary>Similarity of the query to every entry in index order (as DataStructs.BulkTanimotoSimilarity).</summary>
    public double[] Similarities(BitFingerprint query)
    {
        CheckQuery(query);
        var result = new double[Count];
        var partitions = PartitionCount();
        Parallel.For(0, partitions, new ParallelOptions { MaxDegreeOfParallelism = partitions }, p =>
        {
            var (start, end) = PartitionBounds(p, partitions);
            for (var i = start; i < end; i++) result[i] = SimilarityAt(query, i);
        });
        return result;
    }

    /// <summary>Top-k of entries [start, end) for one query.</summary>
    private (int Index, double Similarity)[] ScanTopK(BitFingerprint query, int k, int start, int end)
    {
        var scan = new TopKScan(query, k);
        Scan(scan, start, end);
        return scan.Items();
    }

    /// <summary>Feeds entries [start, end) to a running top-k. Entries reach a scan in increasing index order,
    /// so an entry that only ties the current k-th is never better (its index is higher): a strict comparison
    /// with the k-th similarity suffices.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot loop: skip tier-0 code on the first search
    private unsafe void Scan(TopKScan scan, int start, int end)
    {
        var words = _wordsPerFingerprint;
        var queryBits = scan.Query.BitCount;
        var heap = scan.Heap;
        var k = scan.K;
        var worst = scan.Worst;
        var full = heap.Count >= k;
        fixed (ulong* q = scan.Query.Words)
        fixed (ulong* all = _words)
        fixed (int* counts = _bitCounts)
        {
            for (var i = start; i < end; i++)
            {
                var common = BitKernels.CommonBits(q, all + (long)i * words, words);
                var union = queryBits + counts[i] - common;
                var s = union == 0 ? 1.0 : (double)common / union;
                if (full)
                {
                    if (s <= worst) continue;
                    heap.DequeueEnqueue(i, (s, i));
                }
                else
                {
                    heap.Enqueue(i, (s, i));
                    if (heap.Count < k) continue;
                    full = true;
                }
                heap.TryPeek(out _, out var kth);
                worst = kth.Similarity;
            }
        }
        scan.Worst = worst;
    }

    /// <summary>A running top-k for one query: a heap whose root is the current k-th best.</summary>
    private sealed class TopKScan(BitFingerprint query, int k)
    {
        public BitFingerprint Query { get; } = query;

        public int K { get; } = k;

        public PriorityQueue<int, (double Similarity, int Index)> Heap { get; } = new(k + 1, WorstFirst.Instance);

        public double Worst { get; set; } = double.NegativeInfinity;

        public (int Index, double Similarity)[] Items() => Heap.UnorderedItems.Select(e => (e.Element, e.Priority.Similarity)).ToArray();
    }

    private IReadOnlyList<SimilarityHit> Merge((int Index, double Similarity)[][] partial, int k) =>
        partial.SelectMany(x => x).OrderByDescending(x => x.Similarity).ThenBy(x => x.Index).Take(k)
            .Select((x, rank) => Hit(rank, x.Index, x.Similarity)).ToArray();

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private unsafe double SimilarityAt(BitFingerprint query, int index)
    {
        int common;
        fixed (ulong* q = query.Words)
        fixed (ulong* row = &_words[(long)index * _wordsPerFingerprint])
            common = BitKernels.CommonBits(q, row, _wordsPerFingerprint);
        var union = query.BitCount + _bitCounts[index] - common;
        return union == 0 ? 1.0 : (double)common / union;
    }

    private SimilarityHit Hit(int rank, int index, double similarity) => new(rank + 1, index, _ids[index], _smiles[index], similarity);

    private int PartitionCount() =>
        Math.Clamp(Count / MinPartitionSize, 1, Math.Max(1, Options.MaxDegreeOfParallelism));

    private (int Start, int End) PartitionBounds(int p, int partitions) =>
        ((int)((long)Count * p / partitions), (int)((long)Count * (p + 1) / partitions));

    private void CheckQuery(BitFingerprint query)
    {
        if (query.Words.Length != _wordsPerFingerprint)
            throw new ArgumentException($"query fingerprint has {query.Length} bits, the index {Options.MorganBits}", nameof(query));
    }

    private static void CheckBits(int bits)
    {
        if (bits <= 0 || bits % 64 != 0) throw new ArgumentOutOfRangeException(nameof(bits), bits, "must be a positive multiple of 64");
    }

    /// <summary>Orders heap entries so the worst (lowest similarity, then highest index) is dequeued first.</summary>
    private sealed class WorstFirst : IComparer<(double Similarity, int Index)>
    {
        public static readonly WorstFirst Instance = new();

        public int Compare((double Similarity, int Index) a, (double Similarity, int Index) b)
        {
            var c = a.Similarity.CompareTo(b.Similarity);
            return c != 0 ? c : b.Index.CompareTo(a.Index);
        }
    }
}
