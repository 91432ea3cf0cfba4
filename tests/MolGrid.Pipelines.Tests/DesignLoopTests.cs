using System.Text.Json;
using MolGrid.Molecules;
using MolGrid.Pipelines.Design;
using MolGrid.Pipelines.Design.Generators;
using MolGrid.Pipelines.Scoring;

namespace MolGrid.Pipelines.Tests;

public class DesignLoopTests
{
    private static DesignSpec Spec(long seed, string generator = "graph_ga", int budget = 150, string diversity = "") => DesignSpec.Parse($"""
        name: loop-test
        seed: {seed}
        budget: {budget}
        generator:
          type: {generator}
          population_size: 30
          offspring_size: 25
          mutation_rate: 0.3
          start_file: {TestData.StartCorpus}
          start_size: 40
        scoring:
          aggregation: arithmetic
          components:
            - type: descriptor
              name: tpsa
              params: {"{"}descriptor: tpsa{"}"}
              transform: {"{"}type: gaussian, mu: 70, sigma: 15{"}"}
            - type: descriptor
              name: clogp
              params: {"{"}descriptor: clogp{"}"}
              transform: {"{"}type: gaussian, mu: 2.5, sigma: 1{"}"}
        {diversity}
        """, "loop-test.yaml");

    private static async Task<DesignState> Run(DesignSpec spec, IBatchScorer? scorer = null, int parallelism = 1)
    {
        var loop = DesignEngine.CreateLoop(spec, new DesignLoopOptions { MaxParallelism = parallelism });
        scorer ??= new InProcessBatchScorer(ScoringFunction.Create(spec, ComponentRegistry.Default));
        return await DesignRunner.RunAsync(loop, scorer);
    }

    private static string Fingerprint(DesignState s) =>
        string.Join("\n", s.Scored.Select(m => $"{m.Smiles} {m.Total:R}")) + "|" + string.Join(",", s.Population) + "|" + s.GeneratorState;

    [Fact]
    public async Task SameSeedGivesTheSameRunWhateverTheParallelismAndScoringOrder()
    {
        var spec = Spec(42);
        var a = await Run(spec, parallelism: 1);
        var fn = ScoringFunction.Create(spec, ComponentRegistry.Default);
        var b = await Run(spec, new ShufflingScorer(fn, seed: 99), parallelism: 2);
        Assert.Equal(150, a.OracleCalls);
        Assert.Equal(Fingerprint(a), Fingerprint(b));
        Assert.Equal(CandidateRanking.Rank(a).Select(s => s.Smiles), CandidateRanking.Rank(b).Select(s => s.Smiles));

        var c = await Run(Spec(43));
        Assert.NotEqual(Fingerprint(a), Fingerprint(c));
    }

    [Fact]
    public async Task ResumingFromSavedStateEndsAsAnUninterruptedRun()
    {
        var spec = Spec(7, budget: 120);
        var fn = ScoringFunction.Create(spec, ComponentRegistry.Default);
        var scorer = new InProcessBatchScorer(fn);
        var full = await Run(spec, scorer);

        var loop = DesignEngine.CreateLoop(spec, new DesignLoopOptions { MaxParallelism = 1 });
        var state = loop.Start();
        for (var i = 0; i < 3; i++) state = loop.Accept(state, await scorer.ScoreAsync(loop.Propose(state), default));
        var saved = JsonSerializer.Serialize(state);
        var restored = JsonSerializer.Deserialize<DesignState>(saved)!;
        restored = restored with { Scored = restored.Scored.Select(s => s with { Components = new Dictionary<string, double>(s.Components) }).ToArray() };
        var resumed = await DesignRunner.ContinueAsync(DesignEngine.CreateLoop(spec, new DesignLoopOptions { MaxParallelism = 2 }), restored, scorer);
        Assert.Equal(Fingerprint(full), Fingerprint(resumed));
    }

    [Fact]
    public async Task ScaffoldBucketsRebuiltFromTheHistoryGiveTheRunTheyGaveRoundByRound()
    {
        // bucket_size 2, penalty 0: many molecules are penalised, so a wrong rebuild changes the parents.
        var spec = Spec(11, budget: 200, diversity: "diversity:\n  type: scaffold\n  bucket_size: 2\n  min_score: 0\n  penalty: 0");
        var scorer = new InProcessBatchScorer(ScoringFunction.Create(spec, ComponentRegistry.Default));
        var full = await Run(spec, scorer);
        Assert.NotEmpty(DiversityMemory.Of(spec.Diversity, full.Scored).Penalized);

        // A new loop (a restart) from round 3, and the same loop handed round 3 again after it went on to round 5
        // (a round re-run on the grid), both end as the uninterrupted run.
        var loop = DesignEngine.CreateLoop(spec, new DesignLoopOptions { MaxParallelism = 1 });
        var state = loop.Start();
        DesignState? round3 = null;
        for (var i = 0; i < 5; i++)
        {
            state = loop.Accept(state, await scorer.ScoreAsync(loop.Propose(state), default));
            if (i == 2) round3 = state;
        }
        var restarted = await DesignRunner.ContinueAsync(DesignEngine.CreateLoop(spec, new DesignLoopOptions { MaxParallelism = 1 }), round3!, scorer);
        var rerun = await DesignRunner.ContinueAsync(loop, round3!, scorer);
        Assert.Equal(Fingerprint(full), Fingerprint(restarted));
        Assert.Equal(Fingerprint(full), Fingerprint(rerun));

        // What a grid stores every round does not grow with the history: only the stop counters.
        Assert.True(full.GeneratorState!.Length < 100, full.GeneratorState);
        Assert.Equal(new LoopMemory().ToJson().Length, loop.Start().GeneratorState!.Length);
    }

    [Fact]
    public void ARoundReRunWithOtherOutcomesIsNotFoldedOnTheFirstAttemptsBuckets()
    {
        var spec = new DiversitySpec { Enabled = true, BucketSize = 1, MinScore = 0, Penalty = 0.5 };
        var fold = new DiversityFold(new DiversityFilter(spec));
        MoleculeScore S(string smi, double t, string? error = null) => new(smi, t, new Dictionary<string, double>(), error);
        MoleculeScore[] history = [S("Cc1ccccc1", 0.9), S("C1CCNCC1", 0.8)];
        var round = new[] { "CCc1ccccc1", "CCC1CCNCC1" };

        // The round's batch failed (its molecules fail and are not bucketed); the round is re-run and succeeds:
        // the same length and the same last SMILES, other outcomes.
        _ = fold.At([.. history, .. round.Select(r => S(r, 0, "batch failed 3 times on the grid"))]);
        var rerun = fold.At([.. history, .. round.Select(r => S(r, 0.7))]);

        var expected = DiversityMemory.Of(spec, [.. history, .. round.Select(r => S(r, 0.7))]);
        Assert.Equal(expected.Buckets, rerun.Buckets);
        Assert.Equal(expected.Penalized, rerun.Penalized);
        Assert.Equal(2, rerun.Penalized.Count);
    }

    [Fact]
    public void AStateWrittenWithTheBucketsInlineStillReadsItsCounters()
    {
        var legacy = """{"Stalled":2,"BestTop100":0.5,"NoImprovement":1,"Buckets":{"c1ccccc1":3},"Penalized":{"CCc1ccccc1":0}}""";
        var memory = LoopMemory.FromJson(legacy);
        Assert.Equal((2, 0.5, 1), (memory.Stalled, memory.BestTop100, memory.NoImprovement));
    }

    [Fact]
    public async Task ProposalsAreNewValidMoleculesWithinBudgetAndTheScoreImproves()
    {
        var spec = Spec(1);
        var state = await Run(spec);
        Assert.Equal(state.Scored.Count, state.Scored.Select(s => s.Smiles).Distinct().Count());
        Assert.Equal(spec.Budget, state.OracleCalls);
        Assert.All(state.Scored, s => Assert.False(s.Failed, s.Error));
        var start = state.Scored.Take(40).Max(s => s.Total);
        Assert.True(state.Scored.Max(s => s.Total) >= start);
        Assert.True(state.Population.Count <= 30);
    }

    [Fact]
    public async Task BricsLoopRunsToBudget()
    {
        var state = await Run(Spec(5, generator: "brics", budget: 90));
        Assert.Equal(90, state.OracleCalls);
        Assert.All(state.Scored.Skip(40), s => Assert.DoesNotContain("*", s.Smiles));
    }

    [Fact]
    public async Task ScaffoldBucketsPenaliseMoleculesBeyondTheLimit()
    {
        var spec = Spec(3, diversity: "diversity:\n  type: scaffold\n  bucket_size: 2\n  min_score: 0\n  penalty: 0");
        var state = await Run(spec);
        var memory = DiversityMemory.Of(spec.Diversity, state.Scored);
        Assert.NotEmpty(memory.Penalized);
        Assert.All(memory.Buckets.Values, v => Assert.True(v >= 1));
        // Every penalised molecule sits in a bucket that overflowed, and none is kept as a parent.
        Assert.All(memory.Penalized.Values, v => Assert.Equal(0.0, v));
        Assert.Contains(memory.Buckets.Values, v => v > 2);
        var population = state.Population.ToHashSet();
        var penalisedParents = memory.Penalized.Keys.Count(population.Contains);
        var scoredNonZero = state.Scored.Count(s => s.Total > 0 && !memory.Penalized.ContainsKey(s.Smiles));
        if (scoredNonZero >= 30) Assert.Equal(0, penalisedParents);
    }

    [Fact]
    public void DiversityFilterBucketsByMurckoScaffold()
    {
        var filter = new DiversityFilter(new DiversitySpec { Enabled = true, BucketSize = 1, MinScore = 0.5, Penalty = 0.1 });
        var memory = new DiversityMemory();
        MoleculeScore S(string smi, double t) => new(smi, t, new Dictionary<string, double>());
        filter.Update(memory, [S("Cc1ccccc1", 0.9), S("CCc1ccccc1", 0.8), S("OCc1ccccc1", 0.3), S("C1CCNCC1", 0.9)]);
        Assert.Equal(2, memory.Buckets["c1ccccc1"]);
        Assert.Equal(1, memory.Buckets["C1CCNCC1"]);
        Assert.Equal(0.08, memory.Penalized["CCc1ccccc1"], 12);
        Assert.False(memory.Penalized.ContainsKey("OCc1ccccc1")); // below min_score: not bucketed
        Assert.Single(memory.Penalized);
    }

    [Theory]
    // A near-duplicate of the best molecule competes at 0.88 x penalty: 0.704 beats the 0.60 and 0.50
    // molecules, 0.44 loses to both; sorting it after every unpenalised molecule would get the first case wrong.
    [InlineData(0.8, new[] { "c1ccc2ccccc2c1CCO", "c1ccc2ccccc2c1CCCO", "C1CCNCC1" })]
    [InlineData(0.5, new[] { "c1ccc2ccccc2c1CCO", "C1CCNCC1", "OC(=O)CC(N)C(=O)O" })]
    public void SimilarityPenaltyLetsANearDuplicateCompeteAtItsPenalisedScore(double penalty, string[] expected)
    {
        (string Smiles, double Score)[] ranked = [("c1ccc2ccccc2c1CCO", 0.90), ("c1ccc2ccccc2c1CCCO", 0.88), ("C1CCNCC1", 0.60), ("OC(=O)CC(N)C(=O)O", 0.50)];
        double Sim(int a, int b)
        {
            using var x = MoleculeParser.ParseSmiles(ranked[a].Smiles);
            using var y = MoleculeParser.ParseSmiles(ranked[b].Smiles);
            return Similarity.Tanimoto(Fingerprints.MorganBits(x), Fingerprints.MorganBits(y));
        }
        // The premise: only the first two are similar at the 0.5 threshold.
        Assert.True(Sim(0, 1) >= 0.5, $"{Sim(0, 1)}");
        Assert.All(new[] { (0, 2), (0, 3), (1, 2), (1, 3), (2, 3) }, p => Assert.True(Sim(p.Item1, p.Item2) < 0.5));

        var filter = new DiversityFilter(new DiversitySpec { Enabled = true, SimilarityThreshold = 0.5, SimilarityPenalty = penalty });
        Assert.Equal(expected, filter.Select(ranked, 3));
        // With room for everyone, the order is the order of effective scores.
        Assert.Equal(4, filter.Select(ranked, 10).Count);
    }

    /// <summary>Scores one molecule at a time in a shuffled order, then returns them aligned, as a grid
    /// whose silos finish in any order would.</summary>
    private sealed class ShufflingScorer(ScoringFunction fn, int seed) : IBatchScorer
    {
        private readonly InProcessBatchScorer _inner = new(fn, new InMemoryScoreCache(), 1);
        private int _calls;

        public async Task<IReadOnlyList<MoleculeScore>> ScoreAsync(IReadOnlyList<string> smiles, CancellationToken cancellationToken)
        {
            var order = Enumerable.Range(0, smiles.Count).ToArray();
            new DesignRandom(seed, _calls++).Shuffle(order);
            var results = new MoleculeScore[smiles.Count];
            foreach (var i in order) results[i] = (await _inner.ScoreAsync([smiles[i]], cancellationToken))[0];
            return results;
        }
    }
}
