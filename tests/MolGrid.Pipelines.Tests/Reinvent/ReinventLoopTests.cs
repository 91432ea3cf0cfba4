using MolGrid.Learning;
using MolGrid.Molecules;
using MolGrid.Pipelines.Design;
using MolGrid.Pipelines.Design.Generators;
using MolGrid.Pipelines.Design.Generators.Reinvent;
using MolGrid.Pipelines.Scoring;

namespace MolGrid.Pipelines.Tests.Reinvent;

/// <summary>The RL loop end to end on a tiny prior trained in the test (seconds): deterministic for a seed, the
/// agent moves away from the prior, budget and replay are respected.</summary>
public class ReinventLoopTests
{
    private static readonly Lazy<string> TinyPrior = new(() =>
    {
        TorchRuntime.EnsureLoaded();
        TorchRuntime.ConfigureThreads(1);
        TorchRuntime.Seed(1);
        string[] corpus =
        [
            "CC(=O)Oc1ccccc1C(=O)O", "CCN(CC)CCNC(=O)c1ccc(N)cc1", "c1ccc2[nH]ccc2c1", "CC(C)Cc1ccc(C(C)C(=O)O)cc1",
            "COc1ccc2cc(C(C)C(=O)O)ccc2c1", "CN1CCCC1c1cccnc1", "Clc1ccc(Cl)cc1", "OC(=O)CCc1ccccc1Br", "CCOC(=O)c1ccccc1",
            "NC(=O)c1cccnc1", "CC(C)NCC(O)COc1ccccc1", "O=C(O)c1ccccc1O",
        ];
        var canonical = corpus.Select(s => MoleculeWriter.CanonicalSmiles(MoleculeParser.ParseSmiles(s), isomeric: false)).ToList();
        var prior = new RnnPrior(SmilesVocabulary.Build(canonical), new RnnPriorOptions { EmbeddingSize = 16, HiddenSize = 48, Layers = 2, MaxTokens = 60 });
        var dir = Path.Combine(Path.GetTempPath(), "molgrid-rl-prior-" + Guid.NewGuid().ToString("N"));
        new PriorTrainer(prior, canonical, new PriorTrainingOptions { Epochs = 40, BatchSize = 4, Seed = 1, ValidationSamples = 0, LearningRate = 1e-2 }, dir).Run();
        return dir;
    });

    private static DesignSpec Spec(int budget, long seed) => DesignSpec.Parse($"""
        name: rl-test
        seed: {seed}
        budget: {budget}
        generator:
          type: reinvent
          prior: {TinyPrior.Value}
          batch_size: 16
          sigma: 60
          learning_rate: 0.001
          replay_size: 10
          replay_sample: 5
          device: cpu
        scoring:
          components:
            - type: qed
        """, "rl-test.yaml");

    private static async Task<(DesignState State, float[] Agent, float[] Prior)> Run(int budget, long seed)
    {
        var spec = Spec(budget, seed);
        using var loop = (ReinventLoop)DesignEngine.CreateLoop(spec);
        var scorer = new InProcessBatchScorer(ScoringFunction.Create(spec, ComponentRegistry.Default), null, 1);
        var state = await DesignRunner.RunAsync(loop, scorer);
        var agent = loop.Agent.Network.parameters().SelectMany(p => p.data<float>().ToArray()).ToArray();
        using var prior = RnnPrior.Load(TinyPrior.Value);
        return (state, agent, prior.Network.parameters().SelectMany(p => p.data<float>().ToArray()).ToArray());
    }

    [Fact]
    public async Task Same_seed_gives_the_same_molecules_scores_and_agent()
    {
        TorchRuntime.ConfigureThreads(1);
        var a = await Run(40, 5);
        var b = await Run(40, 5);
        Assert.Equal(a.State.Scored.Select(s => (s.Smiles, s.Total)), b.State.Scored.Select(s => (s.Smiles, s.Total)));
        Assert.Equal(a.Agent, b.Agent);
        Assert.True(a.State.Scored.Count > 0, "the tiny prior proposed nothing valid");
        Assert.True(a.State.OracleCalls <= 40);
        Assert.NotEqual(a.Prior, a.Agent); // the agent was updated, the prior file untouched
        var memory = ReinventMemory.FromJson(a.State.GeneratorState);
        Assert.InRange(memory.Replay.Count, 1, 10);
        Assert.True(memory.Replay.Zip(memory.Replay.Skip(1)).All(p => p.First.Score >= p.Second.Score), "replay buffer not best-first");
        Assert.True(memory.AgentSteps >= 3);
    }

    [Fact]
    public async Task Another_seed_gives_other_molecules()
    {
        TorchRuntime.ConfigureThreads(1);
        var a = await Run(30, 5);
        var c = await Run(30, 6);
        Assert.NotEqual(a.State.Scored.Select(s => s.Smiles), c.State.Scored.Select(s => s.Smiles));
    }

    [Fact]
    public void A_missing_prior_is_a_spec_error_naming_the_key()
    {
        var spec = DesignSpec.Parse("""
            name: rl
            generator: {type: reinvent, prior: /nonexistent/prior}
            scoring: {components: [{type: qed}]}
            """, "rl.yaml");
        var e = Assert.Throws<SpecException>(() => DesignEngine.CreateLoop(spec));
        Assert.Contains("generator.prior", e.Message);
        Assert.Contains("not found", e.Message);
    }

    [Fact]
    public void Replay_buffer_keeps_the_best_distinct_molecules()
    {
        var buffer = ReplayBuffer.Add([new ReplayEntry("CCO", 0.5), new ReplayEntry("CCN", 0.2)],
            [new ReplayEntry("CCO", 0.7), new ReplayEntry("CCC", 0.0), new ReplayEntry("CCCl", 0.6), new ReplayEntry("CCBr", 0.6)], capacity: 3);
        Assert.Equal([new ReplayEntry("CCO", 0.7), new ReplayEntry("CCBr", 0.6), new ReplayEntry("CCCl", 0.6)], buffer);
        Assert.Empty(ReplayBuffer.Add(buffer, [], 0));
        var sample = ReplayBuffer.Sample(buffer, 2, new DesignRandom(1, 2, 3));
        Assert.Equal(2, sample.Distinct().Count());
        Assert.Equal(buffer, ReplayBuffer.Sample(buffer, 5, new DesignRandom(1, 2, 3)));
    }
}
