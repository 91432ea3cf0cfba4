using System.Text.Json.Nodes;

namespace MolGrid.Pipelines.Design.Generators.Reinvent;

/// <summary>
/// Shape of the SMILES RNN. REINVENT's prior is a 3 x 512 GRU (LSTM in v4's default) over a 256 embedding;
/// on the 2 build cores that is about 1.5 s per training step of 128 SMILES, so MolGrid's shipped prior is
/// 3 x 256 with a 256 embedding (about 0.5 s per step, 1.2 M parameters). GPU silos can train the large one with
/// <c>--hidden 512</c>.
/// </summary>
public sealed record RnnPriorOptions
{
    public int EmbeddingSize { get; init; } = 256;
    public int HiddenSize { get; init; } = 256;
    public int Layers { get; init; } = 3;
    public double Dropout { get; init; } = 0.0;

    /// <summary>Longest sequence sampled, in tokens (start and end excluded); longer samples are cut and
    /// count as invalid. The corpus' canonical SMILES are at most 100 characters.</summary>
    public int MaxTokens { get; init; } = 140;

    public void Validate()
    {
        if (EmbeddingSize is < 8 or > 4096) throw new ArgumentOutOfRangeException(nameof(EmbeddingSize), EmbeddingSize, "embedding size must be 8..4096");
        if (HiddenSize is < 8 or > 4096) throw new ArgumentOutOfRangeException(nameof(HiddenSize), HiddenSize, "hidden size must be 8..4096");
        if (Layers is < 1 or > 8) throw new ArgumentOutOfRangeException(nameof(Layers), Layers, "layers must be 1..8");
        if (!(Dropout >= 0 && Dropout < 1)) throw new ArgumentOutOfRangeException(nameof(Dropout), Dropout, "dropout must be in [0, 1)");
        if (MaxTokens is < 8 or > 1000) throw new ArgumentOutOfRangeException(nameof(MaxTokens), MaxTokens, "max tokens must be 8..1000");
    }

    public JsonObject ToJson() => new()
    {
        ["cell"] = "gru",
        ["embedding"] = EmbeddingSize,
        ["hidden"] = HiddenSize,
        ["layers"] = Layers,
        ["dropout"] = Dropout,
        ["max_tokens"] = MaxTokens,
    };

    public static RnnPriorOptions FromJson(JsonObject o)
    {
        if (o["cell"]?.GetValue<string>() is { } cell && cell != "gru") throw new FormatException($"cell '{cell}' is not supported (gru only)");
        var options = new RnnPriorOptions
        {
            EmbeddingSize = Int(o, "embedding"),
            HiddenSize = Int(o, "hidden"),
            Layers = Int(o, "layers"),
            Dropout = o["dropout"]?.GetValue<double>() ?? 0,
            MaxTokens = Int(o, "max_tokens"),
        };
        try { options.Validate(); }
        catch (ArgumentOutOfRangeException e) { throw new FormatException(e.Message); }
        return options;
    }

    private static int Int(JsonObject o, string key) =>
        o[key]?.GetValue<int>() ?? throw new FormatException($"hyper-parameter '{key}' missing");
}
