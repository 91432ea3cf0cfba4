using MolGrid.Pipelines.Qsar.Dmpnn;

namespace MolGrid.Pipelines.Qsar;

/// <summary>What to train and each model kind's settings; <see cref="Seed"/> overrides the kinds' own seeds.</summary>
public sealed record QsarTrainingOptions
{
    public QsarTask Task { get; init; } = QsarTask.Regression;

    public int Seed { get; init; }

    public GaussianProcessOptions Gp { get; init; } = new();

    public FingerprintMlpOptions Mlp { get; init; } = new();

    public GradientBoostingOptions Gbm { get; init; } = new();

    public DmpnnOptions Dmpnn { get; init; } = new();
}
