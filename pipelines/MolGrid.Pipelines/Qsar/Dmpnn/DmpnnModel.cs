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
    private const int PredictBatch = 256;

    /// <summary>Serialises use of the members (prediction and explanation) across threads.</summary>
    internal Lock Gate { get; } = new();

    internal DmpnnModel(DmpnnOptions options, QsarTask task, double yMean, double yStd, DmpnnEnsemble members, Device device)
    {
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

    public IReadOnlyList<QsarPrediction> PredictGraphs(IReadOnlyList<MoleculeGraph> graphs)
    {
        var results = new QsarPrediction[graphs.Count];
        lock (Gate)
        {
            using var noGrad = no_grad();
            for (var start = 0; start < graphs.Count; start += PredictBatch)
            {
                using var scope = NewDisposeScope();
                var chunk = graphs.Skip(start).Take(PredictBatch).ToArray();
                using var batch = GraphBatch.From(chunk, Device);
                var outputs = stack(Members.Networks.Select(m => ToOutput(m.call(batch))).ToArray()).cpu(); // [members, molecules]
                var mean = outputs.mean([0]).data<double>().ToArray();
                var variance = Members.Count > 1 ? outputs.var(0, unbiased: false).data<double>().ToArray() : null;
                for (var i = 0; i < chunk.Length; i++) results[start + i] = new QsarPrediction(mean[i], variance?[i] ?? double.NaN);
            }
        }
        return results;
    }

    /// <summary>A member's raw output as the prediction's unit: activity (regression) or probability.</summary>
    internal Tensor ToOutput(Tensor raw) =>
        Task == QsarTask.Regression ? raw.to(float64) * YStd + YMean : sigmoid(raw.to(float64));

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

    public void Dispose() => Members.Dispose();
}
