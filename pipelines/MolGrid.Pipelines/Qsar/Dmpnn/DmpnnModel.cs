using System.Text.Json.Nodes;
using MolGrid.Learning;
using MolGrid.Molecules;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MolGrid.Pipelines.Qsar.Dmpnn;

/// <summary>
/// A trained D-MPNN ensemble: its prediction is the members' mean (activity for regression, probability for
/// classification) and its variance their spread, as the GP gives a posterior variance. Saved as one model file
/// (<see cref="ModelArchive"/>, kind "dmpnn") with its options, task and target scaling.
/// </summary>
public sealed class DmpnnModel : IQsarModel, IDisposable
{
    public const string ArchiveKind = "dmpnn";
    public const int ArchiveVersion = 1;

    /// <summary>Serialises use of the members (prediction and explanation) across threads.</summary>
    internal Lock Gate { get; } = new();

    private readonly Scalar _yMean;
    private readonly Scalar _yStd;

    internal DmpnnModel(DmpnnOptions options, QsarTask task, double yMean, double yStd, DmpnnEnsemble members, Device device)
    {
        _yMean = HeldScalars.Of(yMean);
        _yStd = HeldScalars.Of(yStd);
        Options = options;
        Task = task;
        YMean = yMean;
        YStd = yStd;
        Members = members;
        Device = device;
        Members.eval();
    }

    public string Kind => "dmpnn";

    public QsarTask Task { get; }

    public DmpnnOptions Options { get; }

    /// <summary>Regression targets are standardised for training; predictions are mapped back.</summary>
    public double YMean { get; }

    public double YStd { get; }

    internal DmpnnEnsemble Members { get; }

    internal Device Device { get; }

    /// <summary>Details the training left for reports (best epochs, validation losses).</summary>
    public string TrainingSummary { get; init; } = "";

    public IReadOnlyList<QsarPrediction> Predict(IReadOnlyList<QsarInput> molecules) =>
        PredictGraphs(molecules.Select(m => DmpnnFeaturizer.Featurize(m.Molecule)).ToArray());

    /// <summary>Each molecule is run through the networks on its own: in a batch, LibTorch's matrix kernels pick
    /// their blocking by the batch's size, so a molecule's prediction changed in the 10th digit with its batch
    /// mates (seen: 0.9044235281 in-process against 0.9044235280 on the grid), and a campaign's ranking must not
    /// depend on how its molecules were batched.</summary>
    public IReadOnlyList<QsarPrediction> PredictGraphs(IReadOnlyList<MoleculeGraph> graphs)
    {
        var results = new QsarPrediction[graphs.Count];
        lock (Gate)
        {
            using var noGrad = no_grad();
            for (var i = 0; i < graphs.Count; i++)
            {
                using var scope = NewDisposeScope();
                using var batch = GraphBatch.From([graphs[i]], Device);
                var outputs = stack(Members.Networks.Select(m => ToOutput(m.call(batch))).ToArray()).cpu(); // [members, 1]
                var mean = outputs.mean([0]).item<double>();
                var variance = Members.Count > 1 ? outputs.var(0, unbiased: false).item<double>() : double.NaN;
                results[i] = new QsarPrediction(mean, variance);
            }
        }
        return results;
    }

    /// <summary>A member's raw output as the prediction's unit: activity (regression) or probability.</summary>
    internal Tensor ToOutput(Tensor raw) =>
        Task == QsarTask.Regression ? raw.to(float64).mul(_yStd).add(_yMean, HeldScalars.One) : sigmoid(raw.to(float64));

    public void Save(string path, string? trainedOn = null)
    {
        var o = Options;
        var hyper = new JsonObject
        {
            ["depth"] = o.Depth, ["hidden"] = o.Hidden, ["readout"] = o.Readout, ["ffn_hidden"] = o.FfnHidden,
            ["ffn_layers"] = o.FfnLayers, ["dropout"] = o.Dropout, ["ensemble"] = Members.Count,
            ["epochs"] = o.Epochs, ["patience"] = o.Patience, ["batch_size"] = o.BatchSize, ["learning_rate"] = o.LearningRate,
            ["validation_fraction"] = o.ValidationFraction, ["seed"] = o.Seed,
        };
        var extra = new JsonObject
        {
            ["task"] = Task == QsarTask.Regression ? "regression" : "classification",
            ["y_mean"] = YMean, ["y_std"] = YStd, ["features"] = DmpnnFeaturizer.Version,
            ["trained_on"] = trainedOn, ["training"] = TrainingSummary,
        };
        lock (Gate) ModelArchive.Save(path, new ModelHeader(ArchiveKind, ArchiveVersion, hyper, extra), Members);
    }

    public static DmpnnModel Load(string path, string device = "auto")
    {
        var (header, weights) = ModelArchive.Read(path, ArchiveKind, ArchiveVersion);
        DmpnnOptions options;
        QsarTask task;
        double yMean, yStd;
        int members;
        try
        {
            var h = header.Hyper;
            options = new DmpnnOptions
            {
                Depth = h["depth"]!.GetValue<int>(), Hidden = h["hidden"]!.GetValue<int>(), Readout = h["readout"]!.GetValue<string>(),
                FfnHidden = h["ffn_hidden"]!.GetValue<int>(), FfnLayers = h["ffn_layers"]!.GetValue<int>(), Dropout = h["dropout"]!.GetValue<double>(),
                EnsembleSize = h["ensemble"]!.GetValue<int>(), Epochs = h["epochs"]!.GetValue<int>(), Patience = h["patience"]!.GetValue<int>(),
                BatchSize = h["batch_size"]!.GetValue<int>(), LearningRate = h["learning_rate"]!.GetValue<double>(),
                ValidationFraction = h["validation_fraction"]!.GetValue<double>(), Seed = h["seed"]!.GetValue<int>(), Device = device,
            };
            options.Validate();
            members = options.EnsembleSize;
            var features = header.Extra["features"]?.GetValue<string>();
            if (features != DmpnnFeaturizer.Version)
                throw new ModelFileException(path, $"trained on '{features}' features; this MolGrid computes '{DmpnnFeaturizer.Version}'");
            task = header.Extra["task"]!.GetValue<string>() switch
            {
                "regression" => QsarTask.Regression,
                "classification" => QsarTask.Classification,
                var t => throw new ModelFileException(path, $"unknown task '{t}'"),
            };
            yMean = header.Extra["y_mean"]!.GetValue<double>();
            yStd = header.Extra["y_std"]!.GetValue<double>();
        }
        catch (Exception e) when (e is NullReferenceException or InvalidOperationException or FormatException or ArgumentException)
        {
            throw new ModelFileException(path, $"malformed D-MPNN header: {e.Message}");
        }
        var dev = ComputeDevice.Resolve(device);
        var list = new DmpnnEnsemble(Enumerable.Range(0, members).Select(_ => new DmpnnNetwork(options)));
        ModelArchive.LoadWeights(path, weights, list);
        list.to(dev);
        return new DmpnnModel(options, task, yMean, yStd, list, dev) { TrainingSummary = header.Extra["training"]?.GetValue<string>() ?? "" };
    }

    public void Dispose()
    {
        Members.Dispose();
        _yMean.Dispose();
        _yStd.Dispose();
    }
}
