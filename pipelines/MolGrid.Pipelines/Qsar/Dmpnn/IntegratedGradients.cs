using MolGrid.Molecules;
using static TorchSharp.torch;

namespace MolGrid.Pipelines.Qsar.Dmpnn;

/// <summary>
/// Integrated gradients (Sundararajan et al. 2017) for a D-MPNN prediction: the path from the all-zero input
/// (every atom and bond feature 0) to the molecule's features, in <c>steps</c> midpoint steps evaluated as one
/// batch of scaled copies. An atom's attribution is the sum over its features of (feature x mean gradient),
/// plus half of each incident bond's; by completeness the atoms' attributions sum to the prediction minus the
/// baseline prediction, up to the quadrature error.
/// </summary>
public static class IntegratedGradients
{
    public static AtomAttribution Explain(DmpnnModel model, Molecule mol, int steps = 64)
    {
        if (steps is < 2 or > 1024) throw new ArgumentOutOfRangeException(nameof(steps), steps, "must be 2..1024");
        var graph = DmpnnFeaturizer.Featurize(mol);
        var smiles = MoleculeWriter.CanonicalSmiles(mol);
        var scales = Enumerable.Range(0, steps).Select(s => (float)((s + 0.5) / steps)).ToArray();
        double[] atomIg, bondIg;
        lock (model.Gate)
        {
            using var scope = NewDisposeScope();
            using var batch = GraphBatch.From(Enumerable.Repeat(graph, steps).ToArray(), scales, model.Device);
            batch.AtomFeatures.requires_grad_(true);
            batch.BondFeatures.requires_grad_(true);
            var output = stack(model.Members.Networks.Select(m => model.ToOutput(m.call(batch))).ToArray()).mean([0]);
            // Gradients with respect to the inputs only: the weights' .grad stays untouched.
            var grads = TorchSharp.torch.autograd.grad([output.sum()], [batch.AtomFeatures, batch.BondFeatures], allow_unused: true);
            var n = graph.Atoms;
            var atomGrad = grads[0].reshape(steps, n, DmpnnFeaturizer.AtomFeatureCount).mean([0]);
            var atomX = tensor(graph.AtomFeatures, [n, DmpnnFeaturizer.AtomFeatureCount], device: model.Device);
            atomIg = (atomX * atomGrad).sum(1).to(float64).cpu().data<double>().ToArray();
            var directed = 2 * graph.Bonds;
            if (directed > 0)
            {
                var bondGrad = grads[1].reshape(steps, directed, DmpnnFeaturizer.BondFeatureCount).mean([0]);
                var bondX = tensor(graph.BondFeatures, [graph.Bonds, DmpnnFeaturizer.BondFeatureCount], device: model.Device)
                    .repeat_interleave(2, 0); // each bond's features on both of its directed rows
                bondIg = (bondX * bondGrad).sum(1).to(float64).cpu().data<double>().ToArray();
            }
            else bondIg = [];
        }
        var atoms = (double[])atomIg.Clone();
        for (var k = 0; k < graph.Bonds; k++)
        {
            var both = bondIg[2 * k] + bondIg[2 * k + 1];
            atoms[graph.Begin[k]] += both / 2;
            atoms[graph.End[k]] += both / 2;
        }
        var prediction = model.PredictGraphs([graph])[0].Mean;
        var baseline = model.PredictGraphs([graph with { AtomFeatures = new float[graph.AtomFeatures.Length], BondFeatures = new float[graph.BondFeatures.Length] }])[0].Mean;
        return new AtomAttribution(smiles, model.Kind, "integrated-gradients", prediction, baseline, atoms);
    }
}
