using MolGrid.Molecules;
using MolGrid.Pipelines.Qsar;

namespace MolGrid.Pipelines.Tests.Qsar;

public sealed class GradientBoostingTests
{
    [Fact]
    public void One_tree_with_two_leaves_predicts_each_groups_mean_as_worked_by_hand()
    {
        // y = 3 where feature 1 is set, 1 where it is not (20 rows each); features 0 and 2 are noise. LightGBM
        // starts from the mean (2); one tree with learning rate 1 adds each leaf's value -sum(g) / (sum(h) + L2)
        // with g = prediction - y = -/+1 and h = 1: +/-20 / (20 + L2). Without L2 exactly 3 and 1.
        var rng = new Random(4);
        var x = Enumerable.Range(0, 40).Select(i => new float[] { rng.Next(10), i % 2, rng.Next(3) }).ToArray();
        var y = x.Select(f => f[1] > 0.5 ? 3.0 : 1.0).ToArray();
        var model = GradientBoostedTreesModel.TrainOnFeatures(x, y, QsarTask.Regression,
            new GradientBoostingOptions { Trees = 1, Leaves = 2, LearningRate = 1, MinExamplesPerLeaf = 1, FeatureFraction = 1, L2 = 0 });
        var p = model.PredictFeatures([[5, 1, 0], [5, 0, 0], [0, 1, 2]]);
        Assert.Equal(3, p[0], 5);
        Assert.Equal(1, p[1], 5);
        Assert.Equal(3, p[2], 5);
        var shrunk = GradientBoostedTreesModel.TrainOnFeatures(x, y, QsarTask.Regression,
            new GradientBoostingOptions { Trees = 1, Leaves = 2, LearningRate = 1, MinExamplesPerLeaf = 1, FeatureFraction = 1, L2 = 5 });
        var q = shrunk.PredictFeatures([[5, 1, 0], [5, 0, 0]]);
        Assert.Equal(2 + 20.0 / 25, q[0], 5);
        Assert.Equal(2 - 20.0 / 25, q[1], 5);
    }

    [Fact]
    public void Classification_separates_a_separable_set_and_the_same_seed_gives_the_same_model()
    {
        var rng = new Random(9);
        var x = Enumerable.Range(0, 200).Select(_ => Enumerable.Range(0, 5).Select(_ => (float)rng.NextDouble()).ToArray()).ToArray();
        var labels = x.Select(f => f[2] + f[4] > 1 ? 1.0 : 0.0).ToArray();
        var o = new GradientBoostingOptions { Trees = 50, Seed = 3 };
        var a = GradientBoostedTreesModel.TrainOnFeatures(x, labels, QsarTask.Classification, o);
        var b = GradientBoostedTreesModel.TrainOnFeatures(x, labels, QsarTask.Classification, o);
        var pa = a.PredictFeatures(x);
        Assert.All(pa, v => Assert.InRange(v, 0, 1));
        Assert.True(ClassificationMetrics.Compute(labels.Select(l => (int)l).ToArray(), pa).RocAuc > 0.99);
        Assert.Equal(pa, b.PredictFeatures(x));
        var reloaded = GradientBoostedTreesModel.FromSerialized(a.Serialized, QsarTask.Classification);
        Assert.Equal(pa, reloaded.PredictFeatures(x));
    }

    [Fact]
    public void Features_are_folded_morgan_counts_then_descriptors()
    {
        using var mol = MoleculeParser.ParseSmiles("CCCCCC");
        var f = GbmFeaturizer.Features(mol);
        Assert.Equal(GbmFeaturizer.CountSlots + MolDescriptors.Names.Count, f.Length);
        var counts = Fingerprints.MorganCounts(mol);
        Assert.Equal(counts.Counts.Sum(c => (double)c), f[..GbmFeaturizer.CountSlots].Sum(v => (double)v));
        Assert.Equal(6, f[GbmFeaturizer.CountSlots + MolDescriptors.Names.ToList().IndexOf("heavy_atoms")]);
    }
}
