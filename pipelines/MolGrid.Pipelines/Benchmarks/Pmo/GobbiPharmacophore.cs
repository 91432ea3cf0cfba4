using MolGrid.Molecules;
using MolGrid.Pipelines.Scoring.Components;

namespace MolGrid.Pipelines.Benchmarks.Pmo;

/// <summary>
/// The Gobbi-Poppinger 2D pharmacophore fingerprint (Biotech. Bioeng. 1998, 61, 47), a port of RDKit's
/// Python-only Pharm2D: Generate.Gen2DFingerprint(mol, Gobbi_Pharm2D.factory). Features are the eight
/// single-atom families of Gobbi_Pharm2D.fdef (sorted: AG AR BG HA HD LH RR X); 2- and 3-point
/// pharmacophores; topological distances binned [2,3) [3,4) ... [7,8) [8,100); triangle-pruned scaffolds;
/// bit numbering of SigFactory.GetBitIdx (CountUpTo offsets, OrderTriangle canonical order).
/// Returns the sorted on-bit ids (a SparseBitVect).
/// </summary>
public static class GobbiPharmacophore
{
    /// <summary>Family SMARTS in SigFactory.GetFeatFamilies order (alphabetical).</summary>
    private static readonly string[] FamilySmarts =
    [
        "[$([C,S](=[O,S,P])-[O;H1])]", // AG acidic group
        "[$([a;D3](@*)(@*)*)]", // AR aromatic attachment
        "[$([N;H2&+0][$([C,a]);!$([C,a](=O))]),$([N;H1&+0]([$([C,a]);!$([C,a](=O))])[$([C,a]);!$([C,a](=O))]),$([N;H0&+0]([C;!$(C(=O))])([C;!$(C(=O))])[C;!$(C(=O))]),$([N,n;X2;+0])]", // BG basic group
        "[$([O,S;H1;v2]-[!$(*=[O,N,P,S])]),$([O,S;H0;v2]),$([O,S;-]),$([N&v3;H1,H2]-[!$(*=[O,N,P,S])]),$([N;v3;H0]),$([n,o,s;+0]),F]", // HA acceptor
        "[$([N;!H0;v3]),$([N;!H0;+1;v4]),$([O,S;H1;+0]),$([n;H1;+0])]", // HD donor
        "[$([C;H2,H1](!=*)[C;H2,H1][C;H2,H1][$([C;H1,H2,H3]);!$(C=*)]),$(C([C;H2,H3])([C;H2,H3])[C;H2,H3])]", // LH hydrophobic
        "[$([A;D3](@*)(@*)*)]", // RR aliphatic attachment
        "[!#1;!#6;!#7;!#8;!#9;!#16;!#17;!#35;!#53]", // X unusual atom
    ];

    private static readonly (int Lo, int Hi)[] Bins = [(2, 3), (3, 4), (4, 5), (5, 6), (6, 7), (7, 8), (8, 100)];
    private const int NFeats = 8;
    private static readonly ThreadLocalQueries Queries = new(FamilySmarts);

    private static readonly Dictionary<(int, int, int), int> TriangleScaffolds = BuildTriangleScaffolds();
    private static readonly int ThreePointStart = NumCombinations(NFeats, 2) * Bins.Length;
    private static readonly int ThreePointScaffoldCount = TriangleScaffolds.Count;

    public static int[] Fingerprint(Molecule mol)
    {
        var queries = Queries.Get();
        var features = new int[NFeats][];
        for (var f = 0; f < NFeats; f++)
            features[f] = Substructure.Matches(mol, queries[f], uniquify: true, maxMatches: 100_000).Select(m => m[0]).ToArray();
        var n = mol.AtomCount;
        var d = MolGraph.DistanceMatrix(mol);
        var bits = new SortedSet<int>();

        // Two-point pharmacophores: feature pairs (f1 <= f2), distance bin.
        for (var f1 = 0; f1 < NFeats; f1++)
        for (var f2 = f1; f2 < NFeats; f2++)
            foreach (var a in features[f1])
            foreach (var b in features[f2])
            {
                var bin = Bin(d[a * n + b]);
                if (bin < 0) continue;
                var offset = CountUpTo(NFeats, 2, [f1, f2]) * Bins.Length;
                bits.Add(offset + bin);
            }

        // Three-point pharmacophores: f1 <= f2 <= f3, distances (0,1), (0,2), (1,2).
        for (var f1 = 0; f1 < NFeats; f1++)
        for (var f2 = f1; f2 < NFeats; f2++)
        for (var f3 = f2; f3 < NFeats; f3++)
        {
            int[] perm = [f1, f2, f3];
            var offset = CountUpTo(NFeats, 3, perm) * ThreePointScaffoldCount;
            foreach (var a in features[f1])
            foreach (var b in features[f2])
            {
                var dab = d[a * n + b];
                if (Bin(dab) < 0) continue;
                foreach (var c in features[f3])
                {
                    var dac = d[a * n + c];
                    var dbc = d[b * n + c];
                    if (Bin(dac) < 0 || Bin(dbc) < 0) continue;
                    var (_, ordered) = OrderTriangle(perm, [(int)dab, (int)dac, (int)dbc]);
                    var key = (Bin(ordered[0]), Bin(ordered[1]), Bin(ordered[2]));
                    if (!TriangleScaffolds.TryGetValue(key, out var scaffold)) continue;
                    bits.Add(ThreePointStart + offset + scaffold);
                }
            }
        }
        return bits.ToArray();
    }

    /// <summary>Index of the distance bin, or -1 outside [2, 100) (same atom: 0; disconnected: huge).</summary>
    private static int Bin(double distance)
    {
        var dist = (int)distance;
        if (distance == 0 || distance < Bins[0].Lo || dist >= Bins[^1].Hi) return -1;
        for (var i = 0; i < Bins.Length; i++)
            if (dist >= Bins[i].Lo && dist < Bins[i].Hi) return i;
        return -1;
    }

    private static Dictionary<(int, int, int), int> BuildTriangleScaffolds()
    {
        var result = new Dictionary<(int, int, int), int>();
        for (var i = 0; i < Bins.Length; i++)
        for (var j = 0; j < Bins.Length; j++)
        for (var k = 0; k < Bins.Length; k++)
        {
            // Utils.BinsTriangleInequality: conservative binned triangle inequality.
            var (d1, d2, d3) = (Bins[i], Bins[j], Bins[k]);
            if (d1.Hi + d2.Hi < d3.Lo || d2.Hi + d3.Hi < d1.Lo || d3.Hi + d1.Hi < d2.Lo) continue;
            result[(i, j, k)] = result.Count;
        }
        return result;
    }

    /// <summary>Utils.NumCombinations: multisets of size <paramref name="slots"/> from <paramref name="items"/>.</summary>
    private static int NumCombinations(int items, int slots) => Binomial(items + slots - 1, slots);

    private static int Binomial(int n, int k)
    {
        if (k < 0 || k > n) return 0;
        long r = 1;
        for (var i = 0; i < k; i++) r = r * (n - i) / (i + 1);
        return (int)r;
    }

    /// <summary>Utils.CountUpTo: position of a non-decreasing index combination in GetIndexCombinations order.</summary>
    private static int CountUpTo(int nItems, int nSlots, int[] vs, int idx = 0, int startAt = 0)
    {
        if (idx >= nSlots) return 0;
        if (idx == nSlots - 1) return vs[idx] - startAt;
        var accum = 0;
        for (var i = startAt; i < vs[idx]; i++) accum += NumCombinations(nItems - i, nSlots - idx - 1);
        return accum + CountUpTo(nItems, nSlots, vs, idx + 1, vs[idx]);
    }

    /// <summary>Utils.OrderTriangle: canonical order of a triangle's distances when features repeat.</summary>
    private static (int[] Feats, int[] Dists) OrderTriangle(int[] f, int[] d)
    {
        if (f[0] != f[1] && f[0] != f[2] && f[1] != f[2]) return (f, d);
        int[] ire, dre;
        if (f[0] == f[1] && f[1] == f[2])
        {
            var s0 = d[0] + d[1];
            var s1 = d[0] + d[2];
            var s2 = d[1] + d[2];
            var m = Math.Max(s0, Math.Max(s1, s2));
            if (s0 == m) (ire, dre) = d[0] > d[1] ? ([0, 1, 2], [0, 1, 2]) : (new[] { 0, 2, 1 }, new[] { 1, 0, 2 });
            else if (s1 == m) (ire, dre) = d[0] > d[2] ? ([1, 0, 2], [0, 2, 1]) : (new[] { 1, 2, 0 }, new[] { 2, 0, 1 });
            else (ire, dre) = d[1] > d[2] ? ([2, 0, 1], [1, 2, 0]) : (new[] { 2, 1, 0 }, new[] { 2, 1, 0 });
        }
        else if (f[0] == f[1]) (ire, dre) = d[1] > d[2] ? ([0, 1, 2], [0, 1, 2]) : (new[] { 1, 0, 2 }, new[] { 0, 2, 1 });
        else if (f[0] == f[2]) (ire, dre) = d[0] > d[2] ? ([0, 1, 2], [0, 1, 2]) : (new[] { 2, 1, 0 }, new[] { 2, 1, 0 });
        else (ire, dre) = d[0] > d[1] ? ([0, 1, 2], [0, 1, 2]) : (new[] { 0, 2, 1 }, new[] { 1, 0, 2 });
        return (ire.Select(i => f[i]).ToArray(), dre.Select(i => d[i]).ToArray());
    }
}
