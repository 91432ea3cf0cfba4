using System.Globalization;
using MolGrid.Molecules;
using MolGrid.Pipelines.Qsar.Dmpnn;

namespace MolGrid.Pipelines.Qsar;

/// <summary>The one place that trains any model kind on a set of molecules and labels.</summary>
public static class QsarTrainer
{
    public static readonly IReadOnlyList<string> Kinds = ["gp", "mlp", "nn", "gbm", "dmpnn"];

    public static string ValidKind(string kind, string what = "--model") =>
        Kinds.Contains(kind) ? kind : throw new QsarDataException(kind, $"{what} must be one of {string.Join(", ", Kinds)}");

    /// <summary>Trains <paramref name="kind"/>; labels are activities (regression) or 0/1 (classification). The
    /// fingerprint models (gp, mlp, nn) have no classification loss and regress the 0/1 labels, which ranks
    /// molecules as a score does.</summary>
    public static (IQsarModel Model, string Detail) Train(string kind, IReadOnlyList<QsarRecord> records, IReadOnlyList<double> labels, QsarTrainingOptions o)
    {
        var x = records.Select(r => r.Fingerprint).ToArray();
        switch (ValidKind(kind))
        {
            case "gp":
                var g = GaussianProcessModel.Train(x, labels, o.Gp with { Seed = o.Seed });
                return (g, Inv($"{g.Targets.Count} training molecules, noise ratio {g.NoiseRatio}, signal var {g.SignalVariance:0.000}, log ML {g.LogMarginalLikelihood:0.0}"));
            case "mlp":
                var m = FingerprintMlp.Train(x, labels, o.Mlp with { Seed = o.Seed });
                return (m, Inv($"best epoch {m.BestEpoch} of {m.EpochsRun}, validation RMSE {m.BestValidationRmse:0.000}"));
            case "nn":
                return (new NearestNeighbourModel(x, labels), "nearest training neighbour by Tanimoto");
            case "gbm":
                var inputs = WithMolecules(records, ms => ms.Select(GbmFeaturizer.Features).ToArray());
                var gbm = GradientBoostedTreesModel.TrainOnFeatures(inputs, labels, o.Task, o.Gbm with { Seed = o.Seed });
                return (gbm, Inv($"{o.Gbm.Trees} trees, {o.Gbm.Leaves} leaves, learning rate {o.Gbm.LearningRate}, {GbmFeaturizer.Length} features"));
            default:
                var graphs = WithMolecules(records, ms => ms.Select(DmpnnFeaturizer.Featurize).ToArray());
                var d = DmpnnTraining.Train(graphs, labels, o.Task, o.Dmpnn with { Seed = o.Seed });
                return (d, Inv($"depth {d.Options.Depth}, hidden {d.Options.Hidden}, {d.Options.Readout} readout, ensemble of {d.Members.Count}: {d.TrainingSummary}"));
        }
    }

    /// <summary>Parses each record's SMILES (already checked when the data set was read) for a featuriser.</summary>
    public static T WithMolecules<T>(IReadOnlyList<QsarRecord> records, Func<IReadOnlyList<Molecule>, T> use)
    {
        var mols = records.Select(r => MoleculeParser.ParseSmiles(r.Smiles)).ToArray();
        try { return use(mols); }
        finally { foreach (var m in mols) m.Dispose(); }
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
