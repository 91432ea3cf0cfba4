using TorchSharp;
using static TorchSharp.torch;

namespace MolGrid.Pipelines.Design.Generators.Reinvent;

/// <summary>Sampled sequences: the token tensor [B, T] (start first, padding after the end token), the SMILES
/// they spell, and whether each reached its end token within the length limit.</summary>
public sealed class SampledBatch(Tensor sequences, string[] smiles, bool[] complete) : IDisposable
{
    public Tensor Sequences { get; } = sequences;
    public string[] Smiles { get; } = smiles;
    public bool[] Complete { get; } = complete;

    public void Dispose() => Sequences.Dispose();
}

/// <summary>
/// Inference: draws SMILES token by token from the network's softmax with a seeded torch generator, so the same
/// weights and seed give the same molecules. Runs without gradients; the likelihoods RL needs are recomputed
/// by teacher forcing (<see cref="RnnPrior.LogLikelihood"/>), as REINVENT does.
/// </summary>
public static class PriorSampler
{
    public static SampledBatch Sample(RnnPrior model, int count, Generator generator)
    {
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "sample at least one molecule");
        var wasTraining = model.Network.training;
        model.Network.eval();
        try
        {
            using var _ = no_grad();
            using var scope = NewDisposeScope();
            var x = full(count, 1, SmilesVocabulary.Start, ScalarType.Int64, device: model.Device);
            var finished = zeros(count, ScalarType.Bool, device: model.Device);
            var steps = new List<Tensor> { x };
            Tensor? hidden = null;
            for (var t = 0; t <= model.Options.MaxTokens; t++)
            {
                var (logits, h) = model.Network.call(x, hidden);
                hidden = h;
                var probs = nn.functional.softmax(SmilesRnn.Allowed(logits.squeeze(1)), -1);
                var next = multinomial(probs, 1, replacement: false, generator: generator);
                next = next.masked_fill(finished.unsqueeze(1), SmilesVocabulary.Pad);
                steps.Add(next);
                finished = finished.logical_or(next.squeeze(1).eq(SmilesVocabulary.End));
                if (finished.all().item<bool>()) break;
                x = next;
            }
            var sequences = cat(steps, 1);
            var cpu = sequences.device_type == DeviceType.CPU ? sequences : sequences.cpu();
            var width = (int)cpu.shape[1];
            var flat = cpu.data<long>().ToArray();
            var smiles = new string[count];
            var complete = new bool[count];
            for (var i = 0; i < count; i++)
            {
                var row = flat.AsSpan(i * width, width);
                complete[i] = row.IndexOf((long)SmilesVocabulary.End) >= 0;
                smiles[i] = model.Vocabulary.Decode(row);
            }
            return new SampledBatch(sequences.MoveToOuterDisposeScope(), smiles, complete);
        }
        finally
        {
            if (wasTraining) model.Network.train();
        }
    }

    /// <summary>SMILES only, in batches (for `molgrid prior sample` and metrics).</summary>
    public static List<string> SampleSmiles(RnnPrior model, int count, long seed, int batchSize = 500, Action<int>? progress = null)
    {
        var generator = new Generator((ulong)seed, model.Device);
        var all = new List<string>(count);
        while (all.Count < count)
        {
            using var batch = Sample(model, Math.Min(batchSize, count - all.Count), generator);
            for (var i = 0; i < batch.Smiles.Length; i++) all.Add(batch.Complete[i] ? batch.Smiles[i] : "");
            progress?.Invoke(all.Count);
        }
        return all;
    }
}
