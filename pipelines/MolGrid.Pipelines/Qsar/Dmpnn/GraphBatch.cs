using TorchSharp;
using static TorchSharp.torch;

namespace MolGrid.Pipelines.Qsar.Dmpnn;

/// <summary>
/// Several molecules as one disconnected graph, in the tensors the network reads: atom features, directed bonds
/// (each bond twice, once each way) with their features, source and target atoms, the reverse of each directed
/// bond, and the molecule each atom belongs to. Dispose it (or create it inside a dispose scope).
/// </summary>
public sealed class GraphBatch : IDisposable
{
    private GraphBatch(int molecules, Tensor atomFeatures, Tensor bondFeatures, Tensor source, Tensor target, Tensor reverse, Tensor atomMolecule, Tensor atomCounts)
    {
        Molecules = molecules;
        AtomFeatures = atomFeatures;
        BondFeatures = bondFeatures;
        Source = source;
        Target = target;
        Reverse = reverse;
        AtomMolecule = atomMolecule;
        AtomCounts = atomCounts;
    }

    public int Molecules { get; }

    /// <summary>[atoms, 133]</summary>
    public Tensor AtomFeatures { get; }

    /// <summary>[directed bonds, 14]</summary>
    public Tensor BondFeatures { get; }

    public Tensor Source { get; }

    public Tensor Target { get; }

    public Tensor Reverse { get; }

    public Tensor AtomMolecule { get; }

    /// <summary>[molecules, 1], at least 1 so a mean readout never divides by zero.</summary>
    public Tensor AtomCounts { get; }

    public static GraphBatch From(IReadOnlyList<MoleculeGraph> graphs, Device device, float scale = 1f) =>
        From(graphs, graphs.Select(_ => scale).ToArray(), device);

    /// <summary>Graph i's features multiplied by scales[i] (integrated gradients walks a molecule's features
    /// from zero to their values as a batch of scaled copies).</summary>
    public static GraphBatch From(IReadOnlyList<MoleculeGraph> graphs, IReadOnlyList<float> scales, Device device)
    {
        var atoms = graphs.Sum(g => g.Atoms);
        var directed = graphs.Sum(g => 2 * g.Bonds);
        var af = new float[atoms * DmpnnFeaturizer.AtomFeatureCount];
        var bf = new float[directed * DmpnnFeaturizer.BondFeatureCount];
        var src = new long[directed];
        var dst = new long[directed];
        var rev = new long[directed];
        var mol = new long[atoms];
        var counts = new float[graphs.Count];
        int a0 = 0, b0 = 0;
        for (var m = 0; m < graphs.Count; m++)
        {
            var g = graphs[m];
            var s = scales[m];
            for (var i = 0; i < g.AtomFeatures.Length; i++) af[a0 * DmpnnFeaturizer.AtomFeatureCount + i] = g.AtomFeatures[i] * s;
            for (var i = 0; i < g.Atoms; i++) mol[a0 + i] = m;
            counts[m] = Math.Max(1, g.Atoms);
            for (var k = 0; k < g.Bonds; k++)
            {
                var forward = b0 + 2 * k;
                var backward = forward + 1;
                for (var j = 0; j < DmpnnFeaturizer.BondFeatureCount; j++)
                {
                    var v = g.BondFeatures[k * DmpnnFeaturizer.BondFeatureCount + j] * s;
                    bf[forward * DmpnnFeaturizer.BondFeatureCount + j] = v;
                    bf[backward * DmpnnFeaturizer.BondFeatureCount + j] = v;
                }
                (src[forward], dst[forward]) = (a0 + g.Begin[k], a0 + g.End[k]);
                (src[backward], dst[backward]) = (a0 + g.End[k], a0 + g.Begin[k]);
                (rev[forward], rev[backward]) = (backward, forward);
            }
            a0 += g.Atoms;
            b0 += 2 * g.Bonds;
        }
        return new GraphBatch(graphs.Count,
            tensor(af, [atoms, DmpnnFeaturizer.AtomFeatureCount], device: device),
            tensor(bf, [directed, DmpnnFeaturizer.BondFeatureCount], device: device),
            tensor(src, device: device), tensor(dst, device: device), tensor(rev, device: device),
            tensor(mol, device: device), tensor(counts, [graphs.Count, 1], device: device));
    }

    public void Dispose()
    {
        AtomFeatures.Dispose();
        BondFeatures.Dispose();
        Source.Dispose();
        Target.Dispose();
        Reverse.Dispose();
        AtomMolecule.Dispose();
        AtomCounts.Dispose();
    }
}
