using MolGrid.Learning;
using MolGrid.Molecules;
using MolGrid.Pipelines.Qsar;
using MolGrid.Pipelines.Qsar.Dmpnn;

namespace MolGrid.Pipelines.Tests.Qsar;

public sealed class DmpnnTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("molgrid-dmpnn-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private static readonly (string Smiles, double Y)[] Tiny =
    [
        ("CCO", 4.1), ("c1ccccc1O", 6.3), ("CC(=O)Nc1ccc(O)cc1", 7.9), ("C[C@H](N)C(=O)O", 5.2),
        ("ClC(Cl)Cl", 8.8), ("c1ccncc1", 4.7), ("CCN(CC)CC", 6.9), ("O=C(O)c1ccccc1", 5.8),
    ];

    private static MoleculeGraph Graph(string smiles)
    {
        using var m = MoleculeParser.ParseSmiles(smiles);
        return DmpnnFeaturizer.Featurize(m);
    }

    private static DmpnnOptions Small(int seed = 0) => new()
    {
        Hidden = 48, FfnHidden = 48, Epochs = 40, Patience = 40, BatchSize = 4, ValidationFraction = 0, EnsembleSize = 2, Seed = seed, Device = "cpu",
    };

    [Fact]
    public void Features_encode_rdkit_properties_as_chemprop_does()
    {
        var g = Graph("c1ccccc1O");
        Assert.Equal((7, 7), (g.Atoms, g.Bonds));
        var c = g.AtomFeatures.AsSpan(0, DmpnnFeaturizer.AtomFeatureCount).ToArray(); // aromatic CH
        int[] expectedOn = [5, 101 + 3, 101 + 7 + 4, 101 + 7 + 6 + 0, 101 + 7 + 6 + 5 + 1, 101 + 7 + 6 + 5 + 6 + 1, 131];
        Assert.Equal(expectedOn, Enumerable.Range(0, 132).Where(i => c[i] == 1).ToArray());
        Assert.Equal(0.12011, c[132], 4);
        var o = g.AtomFeatures.AsSpan(6 * DmpnnFeaturizer.AtomFeatureCount, DmpnnFeaturizer.AtomFeatureCount).ToArray(); // phenol O: sp2 in RDKit, 1 H
        Assert.Equal(1, o[7]);
        Assert.Equal(0, o[131]);
        var aromatic = g.BondFeatures.AsSpan(0, DmpnnFeaturizer.BondFeatureCount).ToArray();
        Assert.Equal(new float[] { 0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0 }, aromatic);
        var single = g.BondFeatures.AsSpan(5 * DmpnnFeaturizer.BondFeatureCount, DmpnnFeaturizer.BondFeatureCount).ToArray(); // bond 5 is C-O (the ring closure is bond 6): conjugated, not in a ring
        Assert.Equal(new float[] { 0, 1, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0 }, single);

        var charged = Graph("C[N+](C)(C)C").AtomFeatures.AsSpan(DmpnnFeaturizer.AtomFeatureCount, DmpnnFeaturizer.AtomFeatureCount).ToArray();
        Assert.Equal(1, charged[6]);                  // nitrogen
        Assert.Equal(1, charged[101 + 4]);            // total degree 4
        Assert.Equal(1, charged[101 + 7 + 2]);        // formal charge +1 (third choice)
        var chiral = Graph("C[C@H](N)C(=O)O").AtomFeatures.AsSpan(DmpnnFeaturizer.AtomFeatureCount, DmpnnFeaturizer.AtomFeatureCount).ToArray();
        Assert.Equal(1, chiral[101 + 7 + 6 + 1] + chiral[101 + 7 + 6 + 2]); // a CW or CCW tag
        var stereo = Graph("F/C=C/F");
        Assert.Equal(1, stereo.BondFeatures[DmpnnFeaturizer.BondFeatureCount + 7 + 5]); // STEREOTRANS (non-legacy perception) on the double bond
    }

    [Fact]
    public void A_network_overfits_a_tiny_set_exactly()
    {
        var graphs = Tiny.Select(t => Graph(t.Smiles)).ToArray();
        var y = Tiny.Select(t => t.Y).ToArray();
        using var model = DmpnnTraining.Train(graphs, y, QsarTask.Regression, Small() with { Epochs = 300, Patience = 300, EnsembleSize = 1, LearningRate = 3e-3 });
        var predicted = model.PredictGraphs(graphs).Select(p => p.Mean).ToArray();
        var rmse = Math.Sqrt(predicted.Zip(y, (p, t) => (p - t) * (p - t)).Average());
        Assert.True(rmse < 0.05, $"training RMSE {rmse}");
    }

    [Fact]
    public void The_same_seed_gives_the_same_ensemble_and_another_seed_another()
    {
        var graphs = Tiny.Select(t => Graph(t.Smiles)).ToArray();
        var y = Tiny.Select(t => t.Y).ToArray();
        using var a = DmpnnTraining.Train(graphs, y, QsarTask.Regression, Small(1) with { Epochs = 5 });
        using var b = DmpnnTraining.Train(graphs, y, QsarTask.Regression, Small(1) with { Epochs = 5 });
        using var c = DmpnnTraining.Train(graphs, y, QsarTask.Regression, Small(2) with { Epochs = 5 });
        Assert.Equal(a.PredictGraphs(graphs), b.PredictGraphs(graphs));
        Assert.NotEqual(a.PredictGraphs(graphs).Select(p => p.Mean), c.PredictGraphs(graphs).Select(p => p.Mean));
        Assert.All(a.PredictGraphs(graphs), p => Assert.True(p.Variance > 0, "two members should disagree somewhat"));
    }

    [Fact]
    public void A_prediction_does_not_depend_on_the_molecules_predicted_beside_it()
    {
        var graphs = Tiny.Select(t => Graph(t.Smiles)).ToArray();
        using var model = DmpnnTraining.Train(graphs, Tiny.Select(t => t.Y).ToArray(), QsarTask.Regression, Small() with { Epochs = 3 });
        var alone = model.PredictGraphs([graphs[2]])[0];
        var amongOthers = model.PredictGraphs([graphs[0], graphs[5], graphs[2], graphs[7]])[2];
        Assert.Equal(alone, amongOthers);
    }

    [Fact]
    public void Save_and_load_give_the_same_predictions_and_bad_files_are_refused()
    {
        var graphs = Tiny.Select(t => Graph(t.Smiles)).ToArray();
        using var model = DmpnnTraining.Train(graphs, Tiny.Select(t => t.Y).ToArray(), QsarTask.Regression, Small() with { Epochs = 3 });
        var path = Path.Combine(_dir, "m.mgm");
        QsarModelFile.Save(model, path, "tiny");
        using (var loaded = Assert.IsType<DmpnnModel>(QsarModelFile.Load(path)))
        {
            Assert.Equal(model.PredictGraphs(graphs), loaded.PredictGraphs(graphs));
            Assert.Equal(2, loaded.Members.Count);
        }
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        Assert.Contains("truncated", Assert.Throws<QsarDataException>(() => QsarModelFile.Load(path)).Message);
        var text = System.Text.Encoding.Latin1.GetString(bytes).Replace(DmpnnFeaturizer.Version, "chemprop-v1-133-15");
        File.WriteAllBytes(path, System.Text.Encoding.Latin1.GetBytes(text));
        Assert.Contains("features", Assert.Throws<QsarDataException>(() => QsarModelFile.Load(path)).Message);
    }

    [Fact]
    public void Classification_learns_probabilities_of_the_positive_class()
    {
        var graphs = Tiny.Select(t => Graph(t.Smiles)).ToArray();
        var labels = Tiny.Select(t => t.Y >= 6 ? 1.0 : 0.0).ToArray();
        using var model = DmpnnTraining.Train(graphs, labels, QsarTask.Classification, Small() with { Epochs = 150, Patience = 150, LearningRate = 3e-3 });
        var p = model.PredictGraphs(graphs);
        Assert.All(p, q => Assert.InRange(q.Mean, 0, 1));
        Assert.Equal(1.0, ClassificationMetrics.Compute(labels.Select(l => (int)l).ToArray(), p.Select(q => q.Mean).ToArray()).RocAuc);
        Assert.Throws<ArgumentException>(() => DmpnnTraining.Train(graphs, Tiny.Select(t => t.Y).ToArray(), QsarTask.Classification, Small()));
    }

    [Fact]
    public void Integrated_gradients_sum_to_the_prediction_minus_the_baseline()
    {
        var graphs = Tiny.Select(t => Graph(t.Smiles)).ToArray();
        using var model = DmpnnTraining.Train(graphs, Tiny.Select(t => t.Y).ToArray(), QsarTask.Regression, Small() with { Epochs = 30 });
        foreach (var smiles in new[] { "CC(=O)Nc1ccc(O)cc1", "ClC(Cl)Cl", "c1ccc2[nH]ccc2c1", "O" })
        {
            using var mol = MoleculeParser.ParseSmiles(smiles);
            var a = IntegratedGradients.Explain(model, mol, steps: 256);
            Assert.Equal(mol.AtomCount, a.Atoms.Count);
            var gap = a.Prediction - a.Baseline;
            Assert.True(Math.Abs(gap) > 1e-3, $"{smiles}: prediction equals baseline");
            Assert.True(Math.Abs(a.Atoms.Sum() - gap) <= 0.01 * Math.Abs(gap) + 1e-4, $"{smiles}: attributions sum to {a.Atoms.Sum()}, prediction - baseline is {gap}");
        }
    }

    [Fact]
    public void Bad_options_are_typed_errors_naming_the_option()
    {
        Assert.Contains("depth", Assert.Throws<QsarDataException>(() => new DmpnnOptions { Depth = 0 }.Validate()).Message);
        Assert.Contains("readout", Assert.Throws<QsarDataException>(() => new DmpnnOptions { Readout = "max" }.Validate()).Message);
        Assert.Contains("device", Assert.Throws<QsarDataException>(() => new DmpnnOptions { Device = "tpu" }.Validate()).Message);
    }
}
