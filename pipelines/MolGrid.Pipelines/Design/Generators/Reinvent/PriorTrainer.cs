using System.Diagnostics;
using System.Text.Json.Nodes;
using MolGrid.Learning;
using MolGrid.Molecules;
using TorchSharp;
using static TorchSharp.torch;

namespace MolGrid.Pipelines.Design.Generators.Reinvent;

/// <summary>Where training stands: stored in the checkpoint's header so a run can resume where it stopped.</summary>
public sealed record PriorTrainingState(int Epoch, int Batch, long Steps, double Seconds, double LastLoss, double LastValidity)
{
    public JsonObject ToJson() => new()
    {
        ["epoch"] = Epoch, ["batch"] = Batch, ["steps"] = Steps, ["seconds"] = Math.Round(Seconds, 1),
        ["last_loss"] = double.IsFinite(LastLoss) ? Math.Round(LastLoss, 4) : null,
        ["last_validity"] = double.IsFinite(LastValidity) ? Math.Round(LastValidity, 4) : null,
    };

    public static PriorTrainingState FromJson(JsonNode? n) => n is not JsonObject o
        ? new PriorTrainingState(0, 0, 0, 0, double.NaN, double.NaN)
        : new PriorTrainingState(o["epoch"]!.GetValue<int>(), o["batch"]!.GetValue<int>(), o["steps"]!.GetValue<long>(),
            o["seconds"]!.GetValue<double>(), o["last_loss"]?.GetValue<double>() ?? double.NaN, o["last_validity"]?.GetValue<double>() ?? double.NaN);
}

/// <summary>
/// Maximum-likelihood training of a prior (or fine-tuning of one) on SMILES. Each epoch visits the corpus in
/// an order drawn from (seed, epoch), and each molecule as a randomised SMILES drawn from (seed, epoch, index),
/// so a run, and a resumed run, is reproducible. Checkpoints go to <c>dir/prior.model</c> (weights, vocabulary,
/// state) and <c>dir/optimizer.state</c> (Adam's moments).
/// </summary>
public sealed class PriorTrainer(RnnPrior prior, IReadOnlyList<string> corpus, PriorTrainingOptions options, string directory)
{
    public const string OptimizerFile = "optimizer.state";

    public event Action<string>? Progress;

    public string ModelPath => Path.Combine(directory, RnnPrior.FileName);

    public PriorTrainingState Run(CancellationToken cancel = default)
    {
        options.Validate();
        if (corpus.Count == 0) throw new ArgumentException("the training corpus is empty");
        Directory.CreateDirectory(directory);
        var state = PriorTrainingState.FromJson(prior.Info["training"]);
        using var optimizer = new AdamOptimizer(prior.Network.parameters(), options.LearningRate);
        var optimizerPath = Path.Combine(directory, OptimizerFile);
        if (state.Steps > 0 && File.Exists(optimizerPath)) optimizer.Load(optimizerPath);
        var clock = Stopwatch.StartNew();
        var lastCheckpoint = clock.Elapsed;
        double sum = 0;
        var count = 0;
        var lastLoss = state.LastLoss;
        var lastValidity = state.LastValidity;
        prior.Network.train();

        PriorTrainingState Now(int epoch, int batch) =>
            new(epoch, batch, state.Steps, state.Seconds + clock.Elapsed.TotalSeconds, lastLoss, lastValidity);

        for (var epoch = state.Epoch; epoch < options.Epochs; epoch++)
        {
            var plan = Batches(epoch);
            var batches = plan.Count;
            var start = epoch == state.Epoch ? state.Batch : 0;
            for (var b = start; b < batches; b++)
            {
                var stop = cancel.IsCancellationRequested || (options.MaxMinutes is { } m && clock.Elapsed.TotalMinutes >= m);
                if (stop)
                {
                    Checkpoint(Now(epoch, b), optimizer, optimizerPath, sample: true, ref lastValidity);
                    Progress?.Invoke($"stopped at epoch {epoch + 1}, batch {b}/{batches} ({(cancel.IsCancellationRequested ? "cancelled" : "time limit")}); resume with the same command");
                    return Now(epoch, b);
                }
                var loss = Step(plan[b], epoch, optimizer);
                state = state with { Steps = state.Steps + 1 };
                sum += loss;
                count++;
                if (count == options.LogEvery)
                {
                    lastLoss = sum / count;
                    var elapsed = state.Seconds + clock.Elapsed.TotalSeconds;
                    Progress?.Invoke($"epoch {epoch + 1}/{options.Epochs} batch {b + 1}/{batches} step {state.Steps}: loss {lastLoss:0.000} (NLL per molecule), {elapsed / 60:0.0} min");
                    sum = 0;
                    count = 0;
                }
                if ((clock.Elapsed - lastCheckpoint).TotalMinutes >= options.CheckpointMinutes)
                {
                    Checkpoint(Now(epoch, b + 1), optimizer, optimizerPath, sample: false, ref lastValidity);
                    lastCheckpoint = clock.Elapsed;
                }
            }
            if (count > 0) lastLoss = sum / count;
            sum = 0;
            count = 0;
            Checkpoint(Now(epoch + 1, 0), optimizer, optimizerPath, sample: true, ref lastValidity);
            Progress?.Invoke($"epoch {epoch + 1}/{options.Epochs} done: loss {lastLoss:0.000}, validity of {options.ValidationSamples} samples {lastValidity:0.000}");
        }
        return Now(options.Epochs, 0);
    }

    private double Step(int[] ids, int epoch, AdamOptimizer optimizer)
    {
        var texts = new string[ids.Length];
        Parallel.For(0, ids.Length, i => texts[i] = Variant(corpus[ids[i]], Mix(options.Seed, epoch, ids[i])));
        using var scope = NewDisposeScope();
        var batch = SmilesBatch.Encode(prior.Vocabulary, texts, prior.Device);
        optimizer.ZeroGrad();
        var loss = prior.LogLikelihood(batch).neg().mean();
        loss.backward();
        nn.utils.clip_grad_norm_(prior.Network.parameters(), options.ClipNorm);
        optimizer.Step();
        return loss.item<float>();
    }

    /// <summary>The SMILES trained on for one molecule: a randomised one when it fits the vocabulary and the
    /// length limit (randomised strings can open more rings at once than any canonical one), else the canonical.</summary>
    private string Variant(string canonical, ulong seed)
    {
        if (!options.Randomise) return canonical;
        if (!MoleculeParser.TryParseSmiles(canonical, out var mol, out _) || mol is null) return canonical;
        using (mol)
        {
            var random = MoleculeWriter.RandomSmiles(mol, seed, isomeric: false);
            return prior.Vocabulary.Covers(random) && SmilesTokenizer.Tokenize(random).Count <= prior.Options.MaxTokens ? random : canonical;
        }
    }

    private void Checkpoint(PriorTrainingState now, AdamOptimizer optimizer, string optimizerPath, bool sample, ref double validity)
    {
        if (sample && options.ValidationSamples > 0)
        {
            var smiles = PriorSampler.SampleSmiles(prior, options.ValidationSamples, options.Seed + 7919L * (now.Steps + 1));
            validity = smiles.Count(s => s.Length > 0 && MoleculeParser.TryParseSmiles(s, out var m, out _) && Dispose(m)) / (double)smiles.Count;
            prior.Network.train();
        }
        now = now with { LastValidity = validity };
        prior.Info["training"] = now.ToJson();
        prior.Save(ModelPath);
        optimizer.Save(optimizerPath);
        Progress?.Invoke($"checkpoint {ModelPath}: epoch {now.Epoch}, batch {now.Batch}, step {now.Steps}, {now.Seconds / 60:0.0} min" +
                         (sample && options.ValidationSamples > 0 ? $", validity {validity:0.000} ({options.ValidationSamples} samples)" : ""));
    }

    private static bool Dispose(Molecule? m)
    {
        m?.Dispose();
        return true;
    }

    /// <summary>The epoch's batches: the corpus in <see cref="Order"/>, cut into windows of 32 batches, each window
    /// sorted by SMILES length before it is cut into batches, then the batches shuffled. Batches of similar length
    /// carry little padding, which roughly halves the work per molecule on CPU; the order is still random.</summary>
    internal List<int[]> Batches(int epoch)
    {
        var order = Order(corpus.Count, options.Seed, epoch);
        var window = options.BatchSize * 32;
        var batches = new List<int[]>();
        for (var w = 0; w < order.Length; w += window)
        {
            var part = order.AsSpan(w, Math.Min(window, order.Length - w)).ToArray();
            var sorted = part.OrderBy(i => corpus[i].Length).ToArray();
            for (var b = 0; b < sorted.Length; b += options.BatchSize)
                batches.Add(sorted.AsSpan(b, Math.Min(options.BatchSize, sorted.Length - b)).ToArray());
        }
        var rng = new Random((int)(Mix(options.Seed, epoch, -2) & 0x7fffffff));
        for (var i = batches.Count - 1; i > 0; i--)
        {
            var j = rng.Next(i + 1);
            (batches[i], batches[j]) = (batches[j], batches[i]);
        }
        return batches;
    }

    /// <summary>The epoch's visiting order: a Fisher-Yates shuffle with System.Random seeded from (seed, epoch).</summary>
    internal static int[] Order(int n, long seed, int epoch)
    {
        var order = Enumerable.Range(0, n).ToArray();
        var rng = new Random((int)(Mix(seed, epoch, -1) & 0x7fffffff));
        for (var i = n - 1; i > 0; i--)
        {
            var j = rng.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }

    /// <summary>SplitMix64 of the three numbers: independent-looking seeds for every (run, epoch, molecule).</summary>
    internal static ulong Mix(long seed, int epoch, int index)
    {
        var z = (ulong)seed * 0x9E3779B97F4A7C15UL ^ ((ulong)(uint)epoch << 32 | (uint)index);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
