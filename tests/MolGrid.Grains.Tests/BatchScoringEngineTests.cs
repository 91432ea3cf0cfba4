using MolGrid.Grains.Messages;
using MolGrid.Grains.Silo;
using MolGrid.Pipelines.Scoring;

namespace MolGrid.Grains.Tests;

/// <summary>What a silo caches: the component's own answers (values and reported failures), never a timeout or
/// an exception, whose outcome depends on load rather than on the molecule.</summary>
public class BatchScoringEngineTests
{
    /// <summary>Length of the SMILES; throws on "Cl", hangs on "Br", reports a failure for "Xe".</summary>
    private sealed class MoodyComponent : IScoringComponent
    {
        public string Name => "moody";
        public string Version => "1";
        public string Capability => Capabilities.Cpu;

        public async Task<IReadOnlyList<ComponentResult>> ComputeAsync(IReadOnlyList<ScoringMolecule> molecules, CancellationToken ct)
        {
            if (molecules.Any(m => m.Smiles == "Cl")) throw new InvalidOperationException("cannot score chlorine today");
            if (molecules.Any(m => m.Smiles == "Br")) await Task.Delay(Timeout.Infinite, ct);
            return molecules.Select(m => m.Smiles == "Xe" ? ComponentResult.Fail("noble gas") : ComponentResult.Ok(m.Smiles.Length)).ToList();
        }
    }

    [Fact]
    public async Task TimeoutsAndExceptionsAreReportedButNotCached()
    {
        var engine = new BatchScoringEngine(new InMemoryScoreCache());
        BatchMolecule[] batch = [new("k-cco", "CCO"), new("k-cl", "Cl"), new("k-br", "Br"), new("k-xe", "Xe"), new("k-cccc", "CCCC")];

        // Only "Br" waits out the timeout, so a generous one costs this test little; 300 ms once failed "CCO"
        // on a loaded CI machine whose thread pool had not started its call in time.
        var (results, newValues, _) = await engine.ScoreAsync([new MoodyComponent()], batch, TimeSpan.FromSeconds(5), CancellationToken.None);

        var byKey = results.ToDictionary(r => r.Key);
        Assert.Equal(3, byKey["k-cco"].Values["moody"]);
        Assert.Equal(4, byKey["k-cccc"].Values["moody"]);
        Assert.Contains("cannot score chlorine", byKey["k-cl"].Errors!["moody"]);
        Assert.Contains("timed out", byKey["k-br"].Errors!["moody"]);
        Assert.Equal("noble gas", byKey["k-xe"].Errors!["moody"]);

        var cached = Assert.Single(newValues).Values;
        Assert.Equal(["k-cccc", "k-cco", "k-xe"], cached.Keys.Order(StringComparer.Ordinal));
    }

    /// <summary>A GPU-role component: its cached values belong to GPU batches only.</summary>
    private sealed class GpuComponent : IScoringComponent
    {
        public string Name => "on_gpu";
        public string Version => "1";
        public string Capability => Capabilities.Gpu;

        public Task<IReadOnlyList<ComponentResult>> ComputeAsync(IReadOnlyList<ScoringMolecule> molecules, CancellationToken ct) =>
            throw new InvalidOperationException("a CPU batch must not compute a GPU component");
    }

    /// <summary>The campaign grain's one cache read for a round: each batch gets exactly its own molecules' hits,
    /// failures included, and scoring with those hits gives what reading the cache in the batch would.</summary>
    [Fact]
    public async Task ARoundsCacheReadGivesEachBatchItsOwnHits()
    {
        var cache = new InMemoryScoreCache();
        await cache.PutManyAsync("moody", "1", new Dictionary<string, ComponentResult> { ["k-cco"] = ComponentResult.Ok(3), ["k-xe"] = ComponentResult.Fail("noble gas") }, CancellationToken.None);
        await cache.PutManyAsync("moody", "2", new Dictionary<string, ComponentResult> { ["k-cccc"] = ComponentResult.Ok(99) }, CancellationToken.None); // another version
        await cache.PutManyAsync("on_gpu", "1", new Dictionary<string, ComponentResult> { ["k-cco"] = ComponentResult.Ok(7) }, CancellationToken.None); // another capability
        var engine = new BatchScoringEngine(cache);
        ScoreBatch Batch(string id, params BatchMolecule[] molecules) => new() { CampaignId = "c", Round = 1, BatchId = id, Capability = Capabilities.Cpu, Spec = "", Molecules = molecules };
        var first = Batch("b0", new("k-cco", "CCO"), new("k-cccc", "CCCC"));
        var second = Batch("b1", new("k-xe", "Xe"), new("k-n", "N"));
        IScoringComponent[] components = [new MoodyComponent()];

        var hits = await engine.ReadCacheForBatchesAsync([.. components, new GpuComponent()], [first, second], CancellationToken.None);

        Assert.Equal([new Contracts.WorkCachedValue("moody", "k-cco", 3, null)], hits["b0"]);
        var xe = Assert.Single(hits["b1"]);
        Assert.Equal(("moody", "k-xe", "noble gas"), (xe.Component, xe.Key, xe.Error));
        foreach (var batch in new[] { first, second })
        {
            var given = await engine.ScoreAsync(components, batch.Molecules, TimeSpan.FromSeconds(5), CancellationToken.None, BatchScoringEngine.CachedFrom(components, hits[batch.BatchId]));
            var read = await new BatchScoringEngine(cache).ScoreAsync(components, batch.Molecules, TimeSpan.FromSeconds(5), CancellationToken.None);
            Assert.Equal(System.Text.Json.JsonSerializer.Serialize(read.Results), System.Text.Json.JsonSerializer.Serialize(given.Results));
            Assert.Equal(read.NewValues.Sum(w => w.Values.Count), given.NewValues.Sum(w => w.Values.Count));
        }
    }
}
