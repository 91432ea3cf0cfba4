using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.LightGbm;

namespace MolGrid.Pipelines.Qsar;

/// <summary>
/// Gradient-boosted trees (ML.NET's LightGBM) on <see cref="GbmFeaturizer"/> features: the strong classical
/// baseline that MoleculeACE found ahead of deep models on activity-cliff-rich sets. Regression predicts the
/// activity; classification the probability of the positive class. No predictive variance (NaN).
/// </summary>
public sealed class GradientBoostedTreesModel : IQsarModel
{
    private readonly MLContext _ml;
    private readonly ITransformer _model;

    private GradientBoostedTreesModel(MLContext ml, ITransformer model, QsarTask task, byte[] serialized)
    {
        _ml = ml;
        _model = model;
        Task = task;
        Serialized = serialized;
    }

    public string Kind => "gbm";

    public QsarTask Task { get; }

    /// <summary>The ML.NET model zip, as saved in a model file.</summary>
    public byte[] Serialized { get; }

    public static GradientBoostedTreesModel Train(IReadOnlyList<QsarInput> molecules, IReadOnlyList<double> y, QsarTask task, GradientBoostingOptions? options = null) =>
        TrainOnFeatures(molecules.Select(m => GbmFeaturizer.Features(m.Molecule)).ToArray(), y, task, options);

    /// <summary>Trains on ready feature vectors (all of one length); for tests with hand-made features.</summary>
    internal static GradientBoostedTreesModel TrainOnFeatures(IReadOnlyList<float[]> x, IReadOnlyList<double> y, QsarTask task, GradientBoostingOptions? options = null)
    {
        options ??= new GradientBoostingOptions();
        if (x.Count != y.Count || x.Count < 2) throw new ArgumentException("need two or more aligned molecules and labels");
        if (task == QsarTask.Classification && y.Any(v => v is not (0 or 1))) throw new ArgumentException("classification labels must be 0 or 1");
        var width = x[0].Length;
        var ml = new MLContext(options.Seed);
        var rows = x.Select((f, i) => new Row { Features = f, Label = (float)y[i], Flag = y[i] > 0.5 }).ToList();
        var schema = Schema(width);
        var data = ml.Data.LoadFromEnumerable(rows, schema);
        IEstimator<ITransformer> trainer = task == QsarTask.Regression
            ? ml.Regression.Trainers.LightGbm(new LightGbmRegressionTrainer.Options
            {
                LabelColumnName = nameof(Row.Label), FeatureColumnName = nameof(Row.Features),
                NumberOfIterations = options.Trees, NumberOfLeaves = options.Leaves, LearningRate = options.LearningRate,
                MinimumExampleCountPerLeaf = options.MinExamplesPerLeaf, Seed = options.Seed, NumberOfThreads = options.Threads,
                Booster = new GradientBooster.Options { FeatureFraction = options.FeatureFraction, L2Regularization = options.L2 },
                Verbose = false, Silent = true,
            })
            : ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
            {
                LabelColumnName = nameof(Row.Flag), FeatureColumnName = nameof(Row.Features),
                NumberOfIterations = options.Trees, NumberOfLeaves = options.Leaves, LearningRate = options.LearningRate,
                MinimumExampleCountPerLeaf = options.MinExamplesPerLeaf, Seed = options.Seed, NumberOfThreads = options.Threads,
                Booster = new GradientBooster.Options { FeatureFraction = options.FeatureFraction, L2Regularization = options.L2 },
                Verbose = false, Silent = true,
            });
        var model = trainer.Fit(data);
        using var zip = new MemoryStream();
        ml.Model.Save(model, data.Schema, zip);
        return new GradientBoostedTreesModel(ml, model, task, zip.ToArray());
    }

    public static GradientBoostedTreesModel FromSerialized(byte[] zip, QsarTask task)
    {
        var ml = new MLContext(0);
        var model = ml.Model.Load(new MemoryStream(zip), out _);
        return new GradientBoostedTreesModel(ml, model, task, zip);
    }

    public IReadOnlyList<QsarPrediction> Predict(IReadOnlyList<QsarInput> molecules)
    {
        var features = new float[molecules.Count][];
        Parallel.For(0, molecules.Count, i => features[i] = GbmFeaturizer.Features(molecules[i].Molecule));
        return PredictFeatures(features).Select(v => new QsarPrediction(v, double.NaN)).ToArray();
    }

    /// <summary>Predictions for ready feature vectors (explanations perturb features one at a time).
    /// A transformer is immutable, so concurrent batches need no lock.</summary>
    public double[] PredictFeatures(IReadOnlyList<float[]> features)
    {
        if (features.Count == 0) return [];
        var schema = Schema(features[0].Length);
        var view = _ml.Data.LoadFromEnumerable(features.Select(f => new Row { Features = f }), schema);
        var column = Task == QsarTask.Regression ? "Score" : "Probability";
        return _model.Transform(view).GetColumn<float>(column).Select(v => (double)v).ToArray();
    }

    /// <summary>ML.NET needs the feature vector's length in the schema to train or score on it.</summary>
    private static SchemaDefinition Schema(int width)
    {
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, width);
        return schema;
    }

    private sealed class Row
    {
        public float[] Features { get; set; } = [];

        public float Label { get; set; }

        public bool Flag { get; set; }
    }
}
