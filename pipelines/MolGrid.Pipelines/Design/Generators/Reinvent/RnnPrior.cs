using System.Text.Json.Nodes;
using MolGrid.Learning;
using TorchSharp;
using static TorchSharp.torch;

namespace MolGrid.Pipelines.Design.Generators.Reinvent;

/// <summary>
/// A SMILES RNN together with the vocabulary it was trained on, on one device. Used as the frozen prior of
/// reinforcement learning and, copied, as the agent. Stored with <see cref="ModelArchive"/> as kind
/// <see cref="Kind"/>: hyper-parameters in the header, the vocabulary and training state in its extra data.
/// </summary>
public sealed class RnnPrior : IDisposable
{
    public const string Kind = "smiles-rnn";
    public const int FormatVersion = 1;

    /// <summary>The model file inside a prior directory.</summary>
    public const string FileName = "prior.model";

    public RnnPrior(SmilesVocabulary vocabulary, RnnPriorOptions options, Device? device = null)
    {
        TorchRuntime.EnsureLoaded();
        Vocabulary = vocabulary;
        Device = device ?? CPU;
        Network = new SmilesRnn(vocabulary.Count, options);
        if (Device.type != DeviceType.CPU) Network.to(Device);
    }

    public SmilesVocabulary Vocabulary { get; }

    public SmilesRnn Network { get; }

    public Device Device { get; }

    public RnnPriorOptions Options => Network.Options;

    /// <summary>What was stored beside the weights (training state, corpus), as loaded or last saved.</summary>
    public JsonObject Info { get; set; } = new();

    /// <summary>Log-likelihood of each sequence [B, T] (start token first, padded after the end token): the sum of
    /// log p(token | prefix) over every token after the start, the end token included, padding excluded. Carries
    /// gradients unless called under no_grad.</summary>
    public Tensor LogLikelihood(Tensor sequences)
    {
        using var scope = NewDisposeScope();
        var length = sequences.shape[1];
        var input = sequences.narrow(1, 0, length - 1);
        var target = sequences.narrow(1, 1, length - 1);
        var (logits, _) = Network.call(input, null);
        var logp = nn.functional.log_softmax(SmilesRnn.Allowed(logits), -1).gather(2, target.unsqueeze(2)).squeeze(2);
        // masked_fill, not a multiply: padding's log-probability is -inf, and -inf x 0 is NaN.
        return logp.masked_fill(target.eq(SmilesVocabulary.Pad), 0).sum(1).MoveToOuterDisposeScope();
    }

    /// <summary>An independent copy of this network (same weights, own parameters): the agent of RL.</summary>
    public RnnPrior Clone()
    {
        var copy = new RnnPrior(Vocabulary, Options, Device) { Info = (JsonObject)Info.DeepClone() };
        using (no_grad())
        {
            var source = Network.parameters().ToArray();
            var target = copy.Network.parameters().ToArray();
            for (var i = 0; i < source.Length; i++) target[i].copy_(source[i]);
        }
        return copy;
    }

    public void Save(string path)
    {
        var extra = new JsonObject { ["vocabulary"] = Vocabulary.ToJson() };
        foreach (var (k, v) in Info)
            if (k != "vocabulary") extra[k] = v?.DeepClone();
        ModelArchive.Save(path, new ModelHeader(Kind, FormatVersion, Options.ToJson(), extra), Network);
    }

    /// <summary>Loads a prior from a model file or a directory holding <see cref="FileName"/>; refuses files of
    /// another kind or version, damaged files and headers that do not describe the weights
    /// (<see cref="ModelFileException"/>).</summary>
    public static RnnPrior Load(string path, Device? device = null)
    {
        var file = Directory.Exists(path) ? Path.Combine(path, FileName) : path;
        var (header, weights) = ModelArchive.Read(file, Kind, FormatVersion);
        SmilesVocabulary vocabulary;
        RnnPriorOptions options;
        try
        {
            vocabulary = SmilesVocabulary.FromJson(header.Extra["vocabulary"]);
            options = RnnPriorOptions.FromJson(header.Hyper);
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException)
        {
            throw new ModelFileException(file, $"header does not describe a SMILES RNN: {e.Message}");
        }
        var prior = new RnnPrior(vocabulary, options, device);
        ModelArchive.LoadWeights(file, weights, prior.Network);
        header.Extra.Remove("vocabulary");
        prior.Info = header.Extra;
        return prior;
    }

    public void Dispose() => Network.Dispose();
}
