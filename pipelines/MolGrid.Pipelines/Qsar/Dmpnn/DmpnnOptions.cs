namespace MolGrid.Pipelines.Qsar.Dmpnn;

/// <summary>
/// The D-MPNN's hyper-parameters and training settings in one record. Architecture defaults are Chemprop's
/// (depth 3, hidden 300, mean readout, a 2-layer feed-forward head); training follows Chemprop too (batches of
/// 50, Adam with a linear warm-up from lr/10 to lr over 2 epochs then exponential decay back to lr/10), with early
/// stopping on a seeded validation split of the training data: the best epoch's weights are kept.
/// </summary>
public sealed record DmpnnOptions
{
    public int Depth { get; init; } = 3;

    public int Hidden { get; init; } = 300;

    /// <summary>"mean" or "sum" of atom vectors.</summary>
    public string Readout { get; init; } = "mean";

    public int FfnHidden { get; init; } = 300;

    public int FfnLayers { get; init; } = 2;

    public double Dropout { get; init; }

    public int Epochs { get; init; } = 30;

    /// <summary>Stop when validation loss has not improved for this many epochs.</summary>
    public int Patience { get; init; } = 8;

    public int BatchSize { get; init; } = 50;

    public double LearningRate { get; init; } = 1e-3;

    public double ValidationFraction { get; init; } = 0.1;

    /// <summary>Networks in the ensemble; each starts from its own seed (Seed + member).</summary>
    public int EnsembleSize { get; init; } = 3;

    public int Seed { get; init; }

    /// <summary>auto, cpu or cuda.</summary>
    public string Device { get; init; } = "auto";

    /// <summary>Called after each epoch of each member (member, epoch, train loss, validation loss).</summary>
    public Action<int, int, double, double>? Progress { get; init; }

    public void Validate()
    {
        static void Check(bool ok, string name, object value, string rule)
        {
            if (!ok) throw new QsarDataException($"dmpnn {name} = {value}", rule);
        }
        Check(Depth is >= 1 and <= 10, "depth", Depth, "must be 1..10");
        Check(Hidden is >= 8 and <= 4096, "hidden", Hidden, "must be 8..4096");
        Check(Readout is "mean" or "sum", "readout", Readout, "must be mean or sum");
        Check(FfnHidden is >= 8 and <= 4096, "ffn_hidden", FfnHidden, "must be 8..4096");
        Check(FfnLayers is >= 1 and <= 6, "ffn_layers", FfnLayers, "must be 1..6");
        Check(Dropout is >= 0 and < 1, "dropout", Dropout, "must be in [0, 1)");
        Check(Epochs is >= 1 and <= 1000, "epochs", Epochs, "must be 1..1000");
        Check(Patience >= 1, "patience", Patience, "must be at least 1");
        Check(BatchSize is >= 1 and <= 10000, "batch_size", BatchSize, "must be 1..10000");
        Check(LearningRate is > 0 and <= 1, "learning_rate", LearningRate, "must be in (0, 1]");
        Check(ValidationFraction is >= 0 and < 0.5, "validation_fraction", ValidationFraction, "must be in [0, 0.5)");
        Check(EnsembleSize is >= 1 and <= 32, "ensemble", EnsembleSize, "must be 1..32");
        try { MolGrid.Learning.ComputeDevice.Validate(Device, "dmpnn device"); }
        catch (ArgumentException e) { throw new QsarDataException($"dmpnn device = {Device}", e.Message); }
    }
}
