using MolGrid.Molecules;

namespace MolGrid.Pipelines.Design.Generators;

/// <summary>
/// Jensen's Graph GA crossover (Chem. Sci. 2019, 10, 3567; as in GuacaMol's graph_ga/crossover.py): cut
/// each parent once at a non-ring single bond, or twice in a ring, and join fragments of the two parents
/// with the same reaction SMARTS. Molecules travel as canonical SMILES between steps.
/// </summary>
internal static class GraphGaCrossover
{
    // Size limits of mol_ok: a child must have more than 5 atoms and fewer than a target drawn from
    // N(39.15, 3.50), the statistics Jensen took from ZINC.
    public const double AverageSize = 39.15;
    public const double SizeStdev = 3.50;

    private const string NonRingSingleBond = "[*]-;!@[*]";
    private const string RingChain4 = "[R]@[R]@[R]@[R]";
    private const string RingBranch = "[R]@[R;!D2]@[R]";
    private const string NonRingJoin = "[*:1]-[1*].[1*]-[*:2]>>[*:1]-[*:2]";
    // Upstream builds both the '-' and the '=' join but keeps only the last list ('='): reproduced as is.
    private const string RingJoinFirst = "[*:1]~[1*].[1*]~[*:2]>>[*:1]=[*:2]";
    private static readonly string[] RingClose = ["([*:1]~[1*].[1*]~[*:2])>>[*:1]-[*:2]", "([*:1]~[1*].[1*]~[*:2])>>[*:1]=[*:2]"];

    /// <summary>A child of the two parents (canonical SMILES) differing from both, or null.</summary>
    public static string? Crossover(string parentA, string parentB, DesignRandom rng)
    {
        using var a = ChemCache.TryParse(parentA);
        using var b = ChemCache.TryParse(parentB);
        if (a is null || b is null) return null;
        var parents = new[] { MoleculeWriter.CanonicalSmiles(a), MoleculeWriter.CanonicalSmiles(b) };
        MolGraph.Kekulize(a);
        MolGraph.Kekulize(b);
        for (var i = 0; i < 10; i++)
        {
            var child = rng.NextDouble() <= 0.5 ? CrossoverNonRing(a, b, rng) : CrossoverRing(a, b, rng);
            if (child is not null && !parents.Contains(child)) return child;
        }
        return null;
    }

    public static bool MolOk(Molecule mol, DesignRandom rng) => MolOk(mol.AtomCount, rng);

    /// <summary>mol_ok's size test for a sanitised molecule of <paramref name="atoms"/> atoms (dummies
    /// included, as GetNumAtoms counts them).</summary>
    public static bool MolOk(int atoms, DesignRandom rng)
    {
        var target = SizeStdev * rng.NextGaussian() + AverageSize;
        return atoms > 5 && atoms < target;
    }

    public static bool RingOk(Molecule mol)
    {
        if (!ChemCache.Has(mol, "[R]")) return true;
        if (ChemCache.Has(mol, "[R]=[R]=[R]")) return false;
        if (MolGraph.RingSizes(mol).Max() > 6) return false;
        return !ChemCache.Has(mol, "[r3,r4]=[r3,r4]");
    }

    private static string[]? Cut(Molecule mol, DesignRandom rng)
    {
        var matches = ChemCache.Matches(mol, NonRingSingleBond);
        if (matches.Count == 0) return null;
        var m = rng.Choice(matches);
        var bond = Fragmentation.BondBetween(mol, m[0], m[1]);
        try { return Fragmentation.FragmentOnBonds(mol, [bond], 1); }
        catch (InvalidMoleculeException) { return null; }
    }

    private static string[]? CutRing(Molecule mol, DesignRandom rng)
    {
        for (var i = 0; i < 10; i++)
        {
            (int, int)[] pairs;
            if (rng.NextDouble() < 0.5)
            {
                var matches = ChemCache.Matches(mol, RingChain4);
                if (matches.Count == 0) return null;
                var m = rng.Choice(matches);
                pairs = [(m[0], m[1]), (m[2], m[3])];
            }
            else
            {
                var matches = ChemCache.Matches(mol, RingBranch);
                if (matches.Count == 0) return null;
                var m = rng.Choice(matches);
                pairs = [(m[0], m[1]), (m[1], m[2])];
            }
            var bonds = pairs.Select(p => Fragmentation.BondBetween(mol, p.Item1, p.Item2)).ToArray();
            try
            {
                var fragments = Fragmentation.FragmentOnBonds(mol, bonds, 1);
                if (fragments.Length == 2) return fragments;
            }
            catch (InvalidMoleculeException) { return null; }
        }
        return null;
    }

    private static string? CrossoverNonRing(Molecule a, Molecule b, DesignRandom rng)
    {
        var rxn = ChemCache.Reaction(NonRingJoin);
        for (var i = 0; i < 10; i++)
        {
            var fa = Cut(a, rng);
            var fb = Cut(b, rng);
            if (fa is null || fb is null) return null;
            var products = JoinAll(rxn, fa, fb);
            var candidates = new List<string>();
            foreach (var product in products)
                if (product is not null && MolOk(SmilesAtoms.Count(product), rng)) candidates.Add(product);
            if (candidates.Count > 0) return rng.Choice(candidates);
        }
        return null;
    }

    private static string? CrossoverRing(Molecule a, Molecule b, DesignRandom rng)
    {
        if (!ChemCache.Has(a, "[R]") && !ChemCache.Has(b, "[R]")) return null;
        var join = ChemCache.Reaction(RingJoinFirst);
        for (var i = 0; i < 10; i++)
        {
            var fa = CutRing(a, rng);
            var fb = CutRing(b, rng);
            if (fa is null || fb is null) return null;
            var trial = JoinAll(join, fa, fb).Where(p => p is not null).Select(p => p!).ToList();
            var closed = new List<string>();
            foreach (var close in RingClose)
            {
                var rxn = ChemCache.Reaction(close);
                foreach (var t in trial)
                {
                    if (!MolOk(SmilesAtoms.Count(t), rng)) continue;
                    using var m = ChemCache.TryParse(t);
                    if (m is null) continue;
                    foreach (var set in rxn.Run(m)) closed.Add(set[0]);
                }
            }
            var candidates = new List<string>();
            foreach (var c in closed)
            {
                if (!MolOk(SmilesAtoms.Count(c), rng)) continue;
                using var m = ChemCache.TryParse(c);
                if (m is not null && RingOk(m)) candidates.Add(c);
            }
            if (candidates.Count > 0) return rng.Choice(candidates);
        }
        return null;
    }

    /// <summary>The first product of joining each fragment of A with each fragment of B (upstream's
    /// RunReactants(...)[0]), in A-major order; null where the pair gives no sanitisable product.</summary>
    private static List<string?> JoinAll(Reaction rxn, string[] fa, string[] fb)
    {
        var ma = fa.Select(ChemCache.TryParse).ToArray();
        var mb = fb.Select(ChemCache.TryParse).ToArray();
        try
        {
            var products = new List<string?>(ma.Length * mb.Length);
            foreach (var x in ma)
            foreach (var y in mb)
            {
                if (x is null || y is null) { products.Add(null); continue; }
                var sets = rxn.Run(x, y);
                products.Add(sets.Count == 0 ? null : sets[0][0]);
            }
            return products;
        }
        finally
        {
            foreach (var m in ma) m?.Dispose();
            foreach (var m in mb) m?.Dispose();
        }
    }
}
