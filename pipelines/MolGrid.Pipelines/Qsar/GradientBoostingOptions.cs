namespace MolGrid.Pipelines.Qsar;

/// <summary>LightGBM settings for <see cref="GradientBoostedTreesModel"/>. Defaults follow common QSAR practice
/// (many shallow-ish trees, a small learning rate); one thread by default so a seed gives the same trees on any
/// machine load (LightGBM's histogram sums depend on the thread count).</summary>
public sealed record GradientBoostingOptions
{
    public int Trees { get; init; } = 400;

    public int Leaves { get; init; } = 31;

    public double LearningRate { get; init; } = 0.05;

    public int MinExamplesPerLeaf { get; init; } = 5;

    /// <summary>Share of features each tree may use (LightGBM's feature_fraction).</summary>
    public double FeatureFraction { get; init; } = 0.5;

    /// <summary>L2 penalty on leaf values (LightGBM's lambda_l2; ML.NET's default 0.01): a leaf is
    /// -sum(gradients) / (sum(hessians) + L2).</summary>
    public double L2 { get; init; } = 0.01;

    public int Seed { get; init; }

    public int Threads { get; init; } = 1;
}
