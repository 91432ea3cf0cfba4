namespace MolGrid.Molecules.Tests;

/// <summary>FingerprintIndex against RDKit's BulkTanimotoSimilarity (Fixtures/make_api_reference.py) and
/// against brute force with <see cref="Similarity.Tanimoto(BitFingerprint, BitFingerprint)"/>.</summary>
public class FingerprintIndexTests
{
    private static readonly Lazy<FingerprintIndex> Wehi = new(() =>
        FingerprintIndex.Build(Enumerable.Range(0, WehiReference.Load.Count)
            .Select(i => ($"WEHI-{i}", WehiReference.Load.Text(i, "smiles"))).ToArray()));

    [Fact]
    public void TopKEqualsRdkitBulkTanimoto()
    {
        foreach (var q in ApiReference.Root.GetProperty("similarity").EnumerateArray())
        {
            var hits = Wehi.Value.TopK(q.GetProperty("smiles").GetString()!, 10);
            var expected = q.GetProperty("top").EnumerateArray().Select(p => (p[0].GetInt32(), p[1].GetDouble())).ToArray();
            Assert.Equal(expected.Select(e => e.Item1), hits.Select(h => h.Index));
            foreach (var (hit, (_, sim)) in hits.Zip(expected)) Assert.Equal(sim, hit.Similarity, 1e-12);
            Assert.Equal(Enumerable.Range(1, 10), hits.Select(h => h.Rank));
        }
    }

    [Fact]
    public void ThresholdCountEqualsRdkitBulkTanimoto()
    {
        foreach (var q in ApiReference.Root.GetProperty("similarity").EnumerateArray())
        {
            var hits = Wehi.Value.WithinThreshold(q.GetProperty("smiles").GetString()!, 0.4);
            Assert.Equal(q.GetProperty("at_least_0_4").GetInt32(), hits.Count);
            Assert.All(hits, h => Assert.True(h.Similarity >= 0.4));
        }
    }

    [Fact]
    public void TopKEqualsBruteForceWithTiesBrokenByIndex()
    {
        var index = Wehi.Value;
        var all = Enumerable.Range(0, index.Count).Select(i =>
        {
            using var m = MoleculeParser.ParseSmiles(index.Smiles(i));
            return Fingerprints.MorganBits(m);
        }).ToArray();
        var rng = new Random(7);
        for (var t = 0; t < 10; t++)
        {
            var q = all[rng.Next(all.Length)];
            var expected = all.Select((fp, i) => (i, s: Similarity.Tanimoto(q, fp)))
                .OrderByDescending(x => x.s).ThenBy(x => x.i).Take(50).ToArray();
            var hits = index.TopK(q, 50);
            Assert.Equal(expected.Select(x => x.i), hits.Select(h => h.Index));
            Assert.Equal(expected.Select(x => x.s), hits.Select(h => h.Similarity));
            var bulk = index.Similarities(q);
            Assert.Equal(all.Select(fp => Similarity.Tanimoto(q, fp)), bulk);
        }
    }

    [Fact]
    public void ResultsDoNotDependOnThreadCount()
    {
        var records = Enumerable.Range(0, 3000).Select(i => ($"m{i}", WehiReference.Load.Text(i, "smiles"))).ToArray();
        var one = FingerprintIndex.Build(records, new FeaturizerOptions { MaxDegreeOfParallelism = 1 });
        var many = FingerprintIndex.Build(records, new FeaturizerOptions { MaxDegreeOfParallelism = 3 });
        var query = records[17].Item2;
        Assert.Equal(one.TopK(query, 25), many.TopK(query, 25));
        Assert.Equal(one.WithinThreshold(query, 0.2), many.WithinThreshold(query, 0.2));
    }

    [Fact]
    public void BadRecordIsNamed()
    {
        var e = Assert.Throws<InvalidMoleculeException>(() => FingerprintIndex.Build([("good", "CCO"), ("bad-one", "C1CC")]));
        Assert.Contains("bad-one", e.Message);
        Assert.Contains("C1CC", e.Message);
    }

    [Fact]
    public void EmptyFingerprintsAreIdenticalAsInRdkit()
    {
        var empty = new BitFingerprint(new ulong[32]);
        Assert.Equal(1.0, Similarity.Tanimoto(empty, empty));
    }
}
