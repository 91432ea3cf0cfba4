using System.Diagnostics;

namespace MolGrid.Pipelines.Qsar;

/// <summary>One model's scores on the test side of a split, and how long training and prediction took.</summary>
public sealed record ModelEvaluation(string Kind, RegressionMetrics Metrics, int TrainedOn, TimeSpan TrainTime, TimeSpan PredictTime, string Detail);

/// <summary>Trains each requested model on the training side of a scaffold split and scores it on the test side.</summary>
public static class QsarEvaluation
{
    public static (DataSplit Split, IReadOnlyList<ModelEvaluation> Results) Run(QsarDataSet data, IEnumerable<string> kinds, int seed, GaussianProcessOptions? gp = null, FingerprintMlpOptions? mlp = null)
    {
        var split = ScaffoldSplit.Split(data.Records.Select(r => r.Scaffold).ToArray(), 0.2, seed);
        var trainX = split.Train.Select(i => data.Records[i].Fingerprint).ToArray();
        var trainY = split.Train.Select(i => data.Records[i].Activity).ToArray();
        var testX = split.Test.Select(i => data.Records[i].Fingerprint).ToArray();
        var testY = split.Test.Select(i => data.Records[i].Activity).ToArray();
        var results = new List<ModelEvaluation>();
        foreach (var kind in kinds)
        {
            var sw = Stopwatch.StartNew();
            IQsarModel model;
            string detail;
            int trainedOn;
            switch (kind)
            {
                case "gp":
                    var g = GaussianProcessModel.Train(trainX, trainY, (gp ?? new GaussianProcessOptions()) with { Seed = seed });
                    (model, trainedOn) = (g, g.Targets.Count);
                    detail = FormattableString.Invariant($"noise ratio {g.NoiseRatio}, signal var {g.SignalVariance:0.000}, log ML {g.LogMarginalLikelihood:0.0}");
                    break;
                case "mlp":
                    var m = FingerprintMlp.Train(trainX, trainY, (mlp ?? new FingerprintMlpOptions()) with { Seed = seed });
                    (model, trainedOn) = (m, trainX.Length);
                    detail = FormattableString.Invariant($"best epoch {m.BestEpoch} of {m.EpochsRun}, validation RMSE {m.BestValidationRmse:0.000}");
                    break;
                case "nn":
                    (model, trainedOn) = (new NearestNeighbourModel(trainX, trainY), trainX.Length);
                    detail = "nearest training neighbour by Tanimoto";
                    break;
                default:
                    throw new QsarDataException(kind, "model must be gp, mlp or nn");
            }
            var trainTime = sw.Elapsed;
            sw.Restart();
            var predicted = new double[testX.Length];
            Parallel.For(0, testX.Length, i => predicted[i] = model.Predict(testX[i]).Mean);
            results.Add(new ModelEvaluation(kind, RegressionMetrics.Compute(testY, predicted), trainedOn, trainTime, sw.Elapsed, detail));
        }
        return (split, results);
    }
}
