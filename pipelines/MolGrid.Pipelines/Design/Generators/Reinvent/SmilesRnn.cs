using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MolGrid.Pipelines.Design.Generators.Reinvent;

/// <summary>
/// The network: token embedding, a stacked GRU (batch first), a linear read-out to next-token logits.
/// <c>forward(tokens [B, T], hidden [layers, B, H] or null)</c> gives logits [B, T, V] and the new hidden state,
/// so the same module serves teacher-forced likelihoods (whole sequences) and sampling (one step at a time).
/// </summary>
public sealed class SmilesRnn : nn.Module<Tensor, Tensor?, (Tensor Logits, Tensor Hidden)>
{
    private readonly Embedding embedding;
    private readonly GRU rnn;
    private readonly Linear output;

    public SmilesRnn(int vocabularySize, RnnPriorOptions options) : base("smiles_rnn")
    {
        options.Validate();
        Options = options;
        VocabularySize = vocabularySize;
        embedding = nn.Embedding(vocabularySize, options.EmbeddingSize);
        rnn = nn.GRU(options.EmbeddingSize, options.HiddenSize, options.Layers, batchFirst: true, dropout: options.Dropout);
        output = nn.Linear(options.HiddenSize, vocabularySize);
        RegisterComponents();
    }

    public RnnPriorOptions Options { get; }

    public int VocabularySize { get; }

    /// <summary>Logits with padding and the start token ruled out: neither may follow a prefix, so sampling and
    /// likelihoods use the same distribution over the tokens that can.</summary>
    public static Tensor Allowed(Tensor logits)
    {
        using var scope = NewDisposeScope();
        var banned = tensor(new long[] { SmilesVocabulary.Pad, SmilesVocabulary.Start }, device: logits.device);
        return logits.index_fill(-1, banned, double.NegativeInfinity).MoveToOuterDisposeScope();
    }

    public override (Tensor Logits, Tensor Hidden) forward(Tensor tokens, Tensor? hidden)
    {
        using var scope = NewDisposeScope();
        var x = embedding.call(tokens);
        var (y, h) = rnn.call(x, hidden);
        var logits = output.call(y);
        return (logits.MoveToOuterDisposeScope(), h.MoveToOuterDisposeScope());
    }
}
