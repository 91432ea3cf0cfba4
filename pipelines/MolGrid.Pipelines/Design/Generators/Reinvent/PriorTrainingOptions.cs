namespace MolGrid.Pipelines.Design.Generators.Reinvent;

/// <summary>How a prior is trained (maximum likelihood on the corpus, REINVENT's recipe: Adam at 1e-3, batches of
/// 128, a fresh randomised SMILES of every molecule in every epoch).</summary>
public sealed record PriorTrainingOptions
{
    public int Epochs { get; init; } = 2;
    public int BatchSize { get; init; } = 128;
    public double LearningRate { get; init; } = 1e-3;
    public long Seed { get; init; }

    /// <summary>Stop (with a checkpoint) once this much wall time has passed; null for no limit.</summary>
    public double? MaxMinutes { get; init; }

    /// <summary>Train on randomised SMILES (Arus-Pous et al. 2019); false trains on the canonical strings.</summary>
    public bool Randomise { get; init; } = true;

    /// <summary>Gradient norm clip; keeps the rare very long sequence from throwing the weights.</summary>
    public double ClipNorm { get; init; } = 5.0;

    /// <summary>Molecules sampled to report validity at each checkpoint and epoch end.</summary>
    public int ValidationSamples { get; init; } = 256;

    public double CheckpointMinutes { get; init; } = 5;

    /// <summary>Print the running loss every this many steps.</summary>
    public int LogEvery { get; init; } = 50;

    public void Validate()
    {
        if (Epochs is < 1 or > 1000) throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "epochs must be 1..1000");
        if (BatchSize is < 1 or > 8192) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "batch must be 1..8192");
        if (!(LearningRate > 0 && LearningRate < 1)) throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "learning rate must be in (0, 1)");
        if (MaxMinutes is { } m && !(m > 0)) throw new ArgumentOutOfRangeException(nameof(MaxMinutes), m, "max minutes must be positive");
        if (!(ClipNorm > 0)) throw new ArgumentOutOfRangeException(nameof(ClipNorm), ClipNorm, "clip norm must be positive");
        if (ValidationSamples is < 0 or > 100_000) throw new ArgumentOutOfRangeException(nameof(ValidationSamples), ValidationSamples, "validation samples must be 0..100000");
        if (!(CheckpointMinutes > 0)) throw new ArgumentOutOfRangeException(nameof(CheckpointMinutes), CheckpointMinutes, "checkpoint interval must be positive");
    }
}
