namespace MolGrid.Pipelines.Qsar;

public sealed record GaussianProcessOptions
{
    /// <summary>Noise-to-signal variance ratios tried; the one with the largest marginal likelihood wins (the
    /// signal variance is then its closed-form maximum-likelihood value).</summary>
    public IReadOnlyList<double> NoiseRatioGrid { get; init; } = [1e-4, 3e-4, 1e-3, 3e-3, 0.01, 0.03, 0.1, 0.3, 1.0];

    /// <summary>Exact GP is O(n^3): above this many training molecules a seeded random subset of this size is
    /// used (the same seed and data give the same subset).</summary>
    public int MaxTrainingPoints { get; init; } = 2000;

    public int Seed { get; init; }
}
