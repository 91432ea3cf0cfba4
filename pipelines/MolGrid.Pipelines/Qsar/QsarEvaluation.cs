using System.Diagnostics;

namespace MolGrid.Pipelines.Qsar;

/// <summary>One model's scores on the test side of a split, and how long training and prediction took.
/// Regression fills <see cref="Regression"/> (and <see cref="Calibration"/> where the model gives a variance);
/// classification fills <see cref="Classification"/>.</summary>
public sealed record ModelEvaluation(string Kind, int TrainedOn, RegressionMetrics? Regression, ClassificationMetrics? Classification,
    CalibrationMetrics? Calibration, TimeSpan TrainTime, TimeSpan PredictTime, string Detail);

/// <summary>What to evaluate: the split (scaffold or random, 80/20), the task and, for classification, the
/// activity at or above which a molecule is positive.</summary>
public sealed record EvaluationSettings(string Split = "scaffold", QsarTask Task = QsarTask.Regression, double Threshold = 5.0);

/// <summary>Trains each requested model on the training side of a split and scores it on the test side.</summary>
public static class QsarEvaluation
{
    public static DataSplit SplitFor(QsarDataSet data, EvaluationSettings settings, int seed) => settings.Split switch
    {
        "scaffold" => ScaffoldSplit.Split(data.Records.Select(r => r.Scaffold).ToArray(), 0.2, seed),
        "random" => RandomSplit.Split(data.Records.Count, 0.2, seed),
        var s => throw new QsarDataException(s, "--split must be scaffold or random"),
    };

    public static double Label(double activity, EvaluationSettings settings) =>
        settings.Task == QsarTask.Classification ? (activity >= settings.Threshold ? 1 : 0) : activity;

    public static (DataSplit Split, IReadOnlyList<ModelEvaluation> Results) Run(QsarDataSet data, IEnumerable<string> kinds, EvaluationSettings settings, QsarTrainingOptions options)
    {
        options = options with { Task = settings.Task };
        var split = SplitFor(data, settings, options.Seed);
        var train = split.Train.Select(i => data.Records[i]).ToArray();
        var test = split.Test.Select(i => data.Records[i]).ToArray();
        var trainY = train.Select(r => Label(r.Activity, settings)).ToArray();
        var testY = test.Select(r => Label(r.Activity, settings)).ToArray();
        if (settings.Task == QsarTask.Classification && (trainY.Distinct().Count() < 2 || testY.Distinct().Count() < 2))
            throw new QsarDataException(data.Source, $"threshold {settings.Threshold} leaves one class only on a side of the split");
        var results = new List<ModelEvaluation>();
        foreach (var kind in kinds)
        {
            var sw = Stopwatch.StartNew();
            var (model, detail) = QsarTrainer.Train(kind, train, trainY, options);
            var trainTime = sw.Elapsed;
            sw.Restart();
            var predicted = QsarTrainer.WithMolecules(test, ms => model.Predict(ms.Select((m, i) => new QsarInput(m, test[i].Fingerprint)).ToArray()));
            var predictTime = sw.Elapsed;
            (model as IDisposable)?.Dispose();
            var mean = predicted.Select(p => p.Mean).ToArray();
            if (settings.Task == QsarTask.Regression)
            {
                var variance = predicted.Select(p => p.Variance + NoiseVariance(model)).ToArray();
                results.Add(new ModelEvaluation(kind, train.Length, RegressionMetrics.Compute(testY, mean), null,
                    CalibrationMetrics.Compute(testY, mean, variance), trainTime, predictTime, detail));
            }
            else
            {
                results.Add(new ModelEvaluation(kind, train.Length, null, ClassificationMetrics.Compute(testY.Select(v => (int)v).ToArray(), mean),
                    null, trainTime, predictTime, detail));
            }
        }
        return (split, results);
    }

    // A GP's variance is that of the latent function; a new measurement adds the fitted noise variance.
    private static double NoiseVariance(IQsarModel model) =>
        model is GaussianProcessModel gp ? gp.SignalVariance * gp.NoiseRatio : 0;
}
