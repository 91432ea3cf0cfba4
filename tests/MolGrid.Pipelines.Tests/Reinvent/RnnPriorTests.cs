using MolGrid.Learning;
using MolGrid.Molecules;
using MolGrid.Pipelines.Design.Generators.Reinvent;
using TorchSharp;
using static TorchSharp.torch;

namespace MolGrid.Pipelines.Tests.Reinvent;

/// <summary>The prior's network, file format and training loop on a tiny model (seconds on 2 cores).</summary>
public class RnnPriorTests
{
    private static readonly string[] Corpus =
    [
        "CC(=O)Oc1ccccc1C(=O)O", "CCN(CC)CCNC(=O)c1ccc(N)cc1", "c1ccc2[nH]ccc2c1", "CC(C)Cc1ccc(C(C)C(=O)O)cc1",
        "COc1ccc2cc(C(C)C(=O)O)ccc2c1", "CN1CCC[C@H]1c1cccnc1", "Clc1ccc(Cl)cc1", "OC(=O)CCc1ccccc1Br",
    ];

    private static readonly RnnPriorOptions Tiny = new() { EmbeddingSize = 16, HiddenSize = 32, Layers = 2, MaxTokens = 60 };

    private static string TempDir()
    {
        var d = Path.Combine(Path.GetTempPath(), "molgrid-rnn-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(d);
        return d;
    }

    private static (RnnPrior Prior, PriorTrainingState State, string Dir) TrainTiny(long seed, int epochs = 3)
    {
        TorchRuntime.EnsureLoaded();
        TorchRuntime.ConfigureThreads(1);
        TorchRuntime.Seed(seed);
        var canonical = Corpus.Select(s => MoleculeWriter.CanonicalSmiles(MoleculeParser.ParseSmiles(s), isomeric: false)).ToList();
        var prior = new RnnPrior(SmilesVocabulary.Build(canonical), Tiny);
        var dir = TempDir();
        var trainer = new PriorTrainer(prior, canonical,
            new PriorTrainingOptions { Epochs = epochs, BatchSize = 4, Seed = seed, ValidationSamples = 8, LearningRate = 1e-2 }, dir);
        return (prior, trainer.Run(), dir);
    }

    private static float[] Weights(RnnPrior p) => p.Network.parameters().SelectMany(t => t.data<float>().ToArray()).ToArray();

    [Fact]
    public void Same_seed_gives_the_same_weights_and_samples_another_seed_does_not()
    {
        var (a, _, _) = TrainTiny(3);
        var (b, _, _) = TrainTiny(3);
        var (c, _, _) = TrainTiny(4);
        Assert.Equal(Weights(a), Weights(b));
        Assert.NotEqual(Weights(a), Weights(c));
        Assert.Equal(PriorSampler.SampleSmiles(a, 20, 11), PriorSampler.SampleSmiles(b, 20, 11));
        Assert.NotEqual(PriorSampler.SampleSmiles(a, 20, 11), PriorSampler.SampleSmiles(a, 20, 12));
    }

    [Fact]
    public void Training_lowers_the_loss_on_the_corpus()
    {
        TorchRuntime.Seed(1);
        var canonical = Corpus.Select(s => MoleculeWriter.CanonicalSmiles(MoleculeParser.ParseSmiles(s), isomeric: false)).ToList();
        var fresh = new RnnPrior(SmilesVocabulary.Build(canonical), Tiny);
        using var batch = SmilesBatch.Encode(fresh.Vocabulary, canonical);
        double before;
        using (no_grad()) before = fresh.LogLikelihood(batch).mean().item<float>();
        var (trained, state, _) = TrainTiny(1, epochs: 20);
        double after;
        using (no_grad()) after = trained.LogLikelihood(batch).mean().item<float>();
        Assert.True(after > before + 10, $"mean log-likelihood {before:0.0} before, {after:0.0} after 20 epochs");
        Assert.Equal(20 * 2, state.Steps);
    }

    [Fact]
    public void Saved_prior_loads_with_its_vocabulary_and_gives_the_same_likelihoods()
    {
        var (prior, _, dir) = TrainTiny(5);
        var loaded = RnnPrior.Load(dir);
        Assert.Equal(prior.Vocabulary.Tokens, loaded.Vocabulary.Tokens);
        Assert.Equal(prior.Options, loaded.Options);
        Assert.Equal(3, PriorTrainingState.FromJson(loaded.Info["training"]).Epoch);
        using var batch = SmilesBatch.Encode(prior.Vocabulary, Corpus.Take(3).Select(s => MoleculeWriter.CanonicalSmiles(MoleculeParser.ParseSmiles(s), isomeric: false)).ToList());
        using var _ = no_grad();
        Assert.Equal(prior.LogLikelihood(batch).data<float>().ToArray(), loaded.LogLikelihood(batch).data<float>().ToArray());
    }

    [Fact]
    public void Resumed_training_continues_from_the_checkpoint()
    {
        var (_, first, dir) = TrainTiny(6, epochs: 2);
        var resumed = RnnPrior.Load(dir);
        var canonical = Corpus.Select(s => MoleculeWriter.CanonicalSmiles(MoleculeParser.ParseSmiles(s), isomeric: false)).ToList();
        var end = new PriorTrainer(resumed, canonical, new PriorTrainingOptions { Epochs = 3, BatchSize = 4, Seed = 6, ValidationSamples = 0, LearningRate = 1e-2 }, dir).Run();
        Assert.Equal(first.Steps + 2, end.Steps);
        Assert.Equal(3, PriorTrainingState.FromJson(RnnPrior.Load(dir).Info["training"]).Epoch);
    }

    [Fact]
    public void Bad_files_are_refused_with_the_reason()
    {
        var (_, _, dir) = TrainTiny(7, epochs: 1);
        var good = Path.Combine(dir, RnnPrior.FileName);
        var bytes = File.ReadAllBytes(good);

        var truncated = Path.Combine(dir, "truncated.model");
        File.WriteAllBytes(truncated, bytes[..(bytes.Length - 100)]);
        Assert.Contains("truncated", Assert.Throws<ModelFileException>(() => RnnPrior.Load(truncated)).Reason);

        var flipped = Path.Combine(dir, "flipped.model");
        var copy = (byte[])bytes.Clone();
        copy[^10] ^= 0xFF;
        File.WriteAllBytes(flipped, copy);
        Assert.Contains("checksum", Assert.Throws<ModelFileException>(() => RnnPrior.Load(flipped)).Reason);

        var text = Path.Combine(dir, "text.model");
        File.WriteAllText(text, "CCO\n");
        Assert.Contains("not a MolGrid model", Assert.Throws<ModelFileException>(() => RnnPrior.Load(text)).Reason);

        // A model archive of another kind.
        var other = Path.Combine(dir, "other.model");
        using (var lin = nn.Linear(2, 2))
            ModelArchive.Save(other, new ModelHeader("dmpnn", 1, new System.Text.Json.Nodes.JsonObject(), new System.Text.Json.Nodes.JsonObject()), lin);
        Assert.Contains("'dmpnn' model where a 'smiles-rnn'", Assert.Throws<ModelFileException>(() => RnnPrior.Load(other)).Reason);

        Assert.Contains("not found", Assert.Throws<ModelFileException>(() => RnnPrior.Load(Path.Combine(dir, "missing.model"))).Reason);
    }

    [Fact]
    public void Dap_loss_matches_a_hand_computed_case()
    {
        TorchRuntime.EnsureLoaded();
        using var prior = tensor(new float[] { -10, -20 });
        using var agent = tensor(new float[] { -12, -15 }, requires_grad: true);
        using var scores = tensor(new float[] { 0.5f, 0.1f });
        // augmented = prior + 10 x score = [-5, -19]; augmented - agent = [7, -4]; mean of squares = (49 + 16) / 2.
        using var loss = DapLoss.Compute(prior, agent, scores, sigma: 10);
        Assert.Equal(32.5f, loss.item<float>(), 5);
        loss.backward();
        // d/d agent of mean((aug - agent)^2) = -2 (aug - agent) / n = [-7, 4].
        Assert.Equal(new float[] { -7, 4 }, agent.grad!.data<float>().ToArray());
    }

    [Fact]
    public void Likelihood_sums_log_probabilities_up_to_the_end_token_and_ignores_padding()
    {
        TorchRuntime.Seed(2);
        var vocab = SmilesVocabulary.Build(["CCO"]);
        using var prior = new RnnPrior(vocab, Tiny);
        using var padded = SmilesBatch.Pack([vocab.Encode("CC"), vocab.Encode("CCOCC")]);
        using var alone = SmilesBatch.Pack([vocab.Encode("CC")]);
        using var _ = no_grad();
        var a = prior.LogLikelihood(padded).data<float>().ToArray();
        var b = prior.LogLikelihood(alone).data<float>().ToArray();
        Assert.Equal(b[0], a[0], 4);
        // By hand for "CC": start -> C -> C -> end, three log-probabilities from the network's softmax.
        var (logits, _) = prior.Network.call(alone.narrow(1, 0, 3), null);
        var logp = nn.functional.log_softmax(SmilesRnn.Allowed(logits), -1);
        var c = vocab.Encode("C")[1];
        var expected = logp[0, 0, c].item<float>() + logp[0, 1, c].item<float>() + logp[0, 2, SmilesVocabulary.End].item<float>();
        Assert.Equal(expected, b[0], 4);
    }
}
