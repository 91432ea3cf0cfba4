using MolGrid.Molecules;

namespace MolGrid.Pipelines.Qsar;

/// <summary>The Tanimoto (Jaccard) kernel on bit fingerprints; positive semi-definite, 1 on the diagonal.</summary>
public static class TanimotoKernel
{
    public static double[,] Matrix(IReadOnlyList<BitFingerprint> a, IReadOnlyList<BitFingerprint> b)
    {
        var k = new double[a.Count, b.Count];
        Parallel.For(0, a.Count, i =>
        {
            for (var j = 0; j < b.Count; j++) k[i, j] = Similarity.Tanimoto(a[i], b[j]);
        });
        return k;
    }

    public static double[] Row(BitFingerprint x, IReadOnlyList<BitFingerprint> train)
    {
        var k = new double[train.Count];
        for (var j = 0; j < train.Count; j++) k[j] = Similarity.Tanimoto(x, train[j]);
        return k;
    }
}
