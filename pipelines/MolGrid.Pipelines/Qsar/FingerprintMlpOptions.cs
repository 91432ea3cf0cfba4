namespace MolGrid.Pipelines.Qsar;

public sealed record FingerprintMlpOptions
{
    public int Hidden1 { get; init; } = 256;
    public int Hidden2 { get; init; } = 64;
    public float LearningRate { get; init; } = 1e-3f;
    public float WeightDecay { get; init; } = 1e-4f;
    public int BatchSize { get; init; } = 32;
    public int MaxEpochs { get; init; } = 200;
    /// <summary>Stop after this many epochs without a better validation RMSE; the best epoch's weights are kept.</summary>
    public int Patience { get; init; } = 15;
    /// <summary>Fraction of the training molecules held out (seeded) for early stopping.</summary>
    public double ValidationFraction { get; init; } = 0.1;
    public int Seed { get; init; }
}
