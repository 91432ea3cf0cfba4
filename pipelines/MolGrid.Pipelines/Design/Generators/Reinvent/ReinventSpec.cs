using MolGrid.Learning;

namespace MolGrid.Pipelines.Design.Generators.Reinvent;

/// <summary>
/// The reinvent generator's keys under <c>generator:</c> (type: reinvent). Defaults are REINVENT's settings as PMO
/// tuned them (batch 64, sigma 500, learning rate 5e-4) with Augmented Memory's replay (Guo and Schwaller 2023:
/// a buffer of the 100 best, two augmentation rounds per step).
/// </summary>
public sealed record ReinventSpec
{
    /// <summary>Prior directory or file; null for the shipped prior (samples/prior/reinvent_prior).</summary>
    public string? Prior { get; init; }
    /// <summary>SMILES sampled from the agent per step.</summary>
    public int BatchSize { get; init; } = 64;
    /// <summary>DAP's score scale: augmented log-likelihood = prior log-likelihood + sigma x score.</summary>
    public double Sigma { get; init; } = 500;
    public double LearningRate { get; init; } = 5e-4;
    /// <summary>Best molecules kept for experience replay (0 disables replay).</summary>
    public int ReplaySize { get; init; } = 100;
    /// <summary>Buffer molecules added to each update (all of them when the buffer is smaller).</summary>
    public int ReplaySample { get; init; } = 100;
    /// <summary>Augmented Memory: extra updates per step on randomised SMILES of the batch and the buffer (0 = plain REINVENT).</summary>
    public int AugmentationRounds { get; init; } = 2;
    /// <summary>auto, cpu or cuda.</summary>
    public string Device { get; init; } = "auto";
    /// <summary>On the grid, the silo role the agent (sampling and update) runs on: gpu (default) or cpu.</summary>
    public string Capability { get; init; } = "gpu";

    internal static ReinventSpec Parse(SpecNode n)
    {
        var r = new ReinventSpec
        {
            Prior = n.OptionalString("prior"),
            BatchSize = n.Int("batch_size", 64, 1, 4096),
            Sigma = n.Double("sigma", 500, 0, 100_000),
            LearningRate = n.Double("learning_rate", 5e-4, 1e-8, 1),
            ReplaySize = n.Int("replay_size", 100, 0, 100_000),
            ReplaySample = n.Int("replay_sample", 100, 0, 100_000),
            AugmentationRounds = n.Int("augmentation_rounds", 2, 0, 10),
            Device = n.String("device", "auto"),
            Capability = n.Enum("capability", "gpu", "gpu", "cpu"),
        };
        try { ComputeDevice.Validate(r.Device, "device"); }
        catch (ArgumentException e) { throw new SpecException(n.Path + ".device", e.Message); }
        if (r.Prior is { } p && p.Trim().Length == 0) throw new SpecException(n.Path + ".prior", "must not be empty (leave it out for the shipped prior)");
        return r;
    }
}
