using System.Globalization;
using MolGrid.Molecules;

namespace MolGrid.Pipelines.Benchmarks.Pmo;

/// <summary>
/// Bertz's complexity index CT (J. Am. Chem. Soc. 1981, 103, 3599), ported from RDKit's Python-only
/// GraphDescriptors.BertzCT (version 2.0.0, aromatic bonds counted as order 1.5, cutoff 100). Symmetry
/// classes come from the bond-order-weighted ("Balaban") distance matrix rows, compared at 4 decimals.
/// </summary>
public static class BertzComplexity
{
    public static double Compute(Molecule mol, int cutoff = 100)
    {
        var atoms = MolGraph.Atoms(mol);
        var bonds = MolGraph.Bonds(mol);
        var n = atoms.Length;
        if (n < 2) return 0;

        var order = new Dictionary<(int, int), double>();
        var neighbours = new List<int>[n];
        for (var i = 0; i < n; i++) neighbours[i] = [];
        foreach (var b in bonds)
        {
            var (a1, a2) = b.Begin < b.End ? (b.Begin, b.End) : (b.End, b.Begin);
            order[(a1, a2)] = b.Order == BondInfo.Aromatic ? 1.5 : b.Order;
            if (!neighbours[a1].Contains(a2)) neighbours[a1].Add(a2);
            if (!neighbours[a2].Contains(a1)) neighbours[a2].Add(a1);
        }
        foreach (var l in neighbours) l.Sort();

        var classes = SymmetryClasses(n, bonds, cutoff);
        var atomTypes = new Dictionary<int, int>();
        // Python dicts keep insertion order; the entropy sums are order-independent, so plain dictionaries do.
        var connections = new Dictionary<string, double>(StringComparer.Ordinal);
        double Order(int a, int b) => order[a < b ? (a, b) : (b, a)];
        for (var atom = 0; atom < n; atom++)
        {
            atomTypes[atoms[atom].AtomicNumber] = atomTypes.GetValueOrDefault(atoms[atom].AtomicNumber) + 1;
            var hinge = classes[atom];
            var nb = neighbours[atom];
            for (var i = 0; i < nb.Count; i++)
            {
                var ni = nb[i];
                var ci = classes[ni];
                var oi = Order(atom, ni);
                if (oi > 1 && ni > atom)
                {
                    var key = $"{Math.Min(hinge, ci)},{Math.Max(hinge, ci)}";
                    connections[key] = connections.GetValueOrDefault(key) + oi * (oi - 1) / 2;
                }
                for (var j = i + 1; j < nb.Count; j++)
                {
                    var nj = nb[j];
                    var cj = classes[nj];
                    var key = $"{Math.Min(ci, cj)},{hinge},{Math.Max(ci, cj)}";
                    connections[key] = connections.GetValueOrDefault(key) + oi * Order(atom, nj);
                }
            }
        }
        if (connections.Count == 0) connections["a"] = 1;

        var connectionList = connections.Values.ToArray();
        var total = connectionList.Sum();
        var connectionIe = total * (InfoEntropy(connectionList) + Math.Log(total) / Math.Log(2));
        var atomTypeIe = n * InfoEntropy(atomTypes.Values.Select(v => (double)v).ToArray());
        return atomTypeIe + connectionIe;
    }

    /// <summary>rdkit.ML.InfoTheory.entropy.InfoEntropy: -sum p log2 p over non-zero counts.</summary>
    private static double InfoEntropy(double[] counts)
    {
        var total = counts.Sum();
        if (total == 0) return 0;
        double h = 0;
        foreach (var c in counts)
        {
            if (c == 0) continue;
            var p = c / total;
            h -= p * Math.Log(p) / Math.Log(2);
        }
        return h;
    }

    private static int[] SymmetryClasses(int n, BondInfo[] bonds, int cutoff)
    {
        // Chem.GetDistanceMatrix(useBO=1): edge length 1/bond order (aromatic 1.5), Floyd-Warshall.
        const double Unconnected = 1e8;
        var d = new double[n, n];
        for (var i = 0; i < n; i++)
        for (var j = 0; j < n; j++)
            d[i, j] = i == j ? 0 : Unconnected;
        foreach (var b in bonds)
        {
            var w = 1.0 / (b.Order == BondInfo.Aromatic ? 1.5 : b.Order);
            d[b.Begin, b.End] = d[b.End, b.Begin] = w;
        }
        for (var k = 0; k < n; k++)
        for (var i = 0; i < n; i++)
        for (var j = 0; j < n; j++)
            if (d[i, k] + d[k, j] < d[i, j]) d[i, j] = d[i, k] + d[k, j];

        var seen = new List<string>();
        var classes = new int[n];
        var row = new double[n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++) row[j] = d[i, j];
            var key = string.Join("|", row.Order().Take(cutoff).Select(x => x.ToString("F4", CultureInfo.InvariantCulture)));
            var idx = seen.IndexOf(key);
            if (idx < 0)
            {
                idx = seen.Count;
                seen.Add(key);
            }
            classes[i] = idx + 1;
        }
        return classes;
    }
}
