using MolGrid.Molecules;

namespace MolGrid.Pipelines.Qsar;

/// <summary>
/// Attributions for models that read Morgan environments (gp, mlp, nn on the 2048-bit vector; gbm on 2048 count
/// slots, which share the bit vector's folding): each set bit's effect on the prediction, shared equally over
/// the atoms of every environment (centre atom and the atoms within its radius) that sets that bit.
/// </summary>
public static class FingerprintOcclusion
{
    public static AtomAttribution Explain(IQsarModel model, Molecule mol)
    {
        var smiles = MoleculeWriter.CanonicalSmiles(mol);
        var envs = LearningGraph.MorganBitEnvironments(mol, MorganFeaturizer.Radius, MorganFeaturizer.Bits);
        var bits = envs.Select(e => e.Bit).Distinct().Order().ToArray();
        var (prediction, without, baseline) = model switch
        {
            IFingerprintQsarModel fp => Bits(fp, mol, bits),
            GradientBoostedTreesModel gbm => Counts(gbm, mol, bits),
            _ => throw new ArgumentException($"fingerprint occlusion does not apply to a '{model.Kind}' model"),
        };
        var distance = MolGraph.DistanceMatrix(mol);
        var n = mol.AtomCount;
        var atoms = new double[n];
        for (var k = 0; k < bits.Length; k++)
        {
            var effect = prediction - without[k];
            var setters = envs.Where(e => e.Bit == bits[k]).ToArray();
            foreach (var e in setters)
            {
                var members = Enumerable.Range(0, n).Where(a => distance[e.CenterAtom * n + a] <= e.Radius).ToArray();
                foreach (var a in members) atoms[a] += effect / setters.Length / members.Length;
            }
        }
        return new AtomAttribution(smiles, model.Kind, "fingerprint-occlusion", prediction, baseline, atoms);
    }

    private static (double, double[], double) Bits(IFingerprintQsarModel model, Molecule mol, int[] bits)
    {
        var fp = Fingerprints.MorganBits(mol, MorganFeaturizer.Radius, MorganFeaturizer.Bits);
        var without = bits.Select(b =>
        {
            var words = (ulong[])fp.Words.Clone();
            words[b >> 6] &= ~(1UL << (b & 63));
            return model.Predict(new BitFingerprint(words)).Mean;
        }).ToArray();
        var empty = model.Predict(new BitFingerprint(new ulong[fp.Words.Length])).Mean;
        return (model.Predict(fp).Mean, without, empty);
    }

    private static (double, double[], double) Counts(GradientBoostedTreesModel model, Molecule mol, int[] bits)
    {
        var f = GbmFeaturizer.Features(mol);
        var rows = new List<float[]> { f };
        foreach (var b in bits)
        {
            var g = (float[])f.Clone();
            g[b] = 0;
            rows.Add(g);
        }
        var empty = (float[])f.Clone();
        Array.Clear(empty, 0, GbmFeaturizer.CountSlots);
        rows.Add(empty);
        var p = model.PredictFeatures(rows);
        return (p[0], p[1..^1], p[^1]);
    }
}
