using MolGrid.Molecules;

namespace MolGrid.Pipelines.Design.Generators;

/// <summary>
/// Jensen's seven Graph GA mutations (as in GuacaMol's graph_ga/mutate.py), each a reaction SMARTS run on
/// the Kekulé form: insert atom, change bond order, delete cyclic bond, add ring, delete atom, change atom,
/// append atom, chosen with probabilities 0.15, 0.14, 0.14, 0.14, 0.14, 0.14, 0.15.
/// </summary>
internal static class GraphGaMutation
{
    private static readonly double[] OperatorP = [0.15, 0.14, 0.14, 0.14, 0.14, 0.14, 0.15];
    private static readonly double[] BondOrderP = [0.60, 0.35, 0.05];

    private static readonly string[] DeleteAtomChoices =
    [
        "[*:1]~[D1:2]>>[*:1]",
        "[*:1]~[D2:2]~[*:3]>>[*:1]-[*:3]",
        "[*:1]~[D3:2](~[*;!H0:3])~[*:4]>>[*:1]-[*:3]-[*:4]",
        "[*:1]~[D4:2](~[*;!H0:3])(~[*;!H0:4])~[*:5]>>[*:1]-[*:3]-[*:4]-[*:5]",
        "[*:1]~[D4:2](~[*;!H0;!H1:3])(~[*:4])~[*:5]>>[*:1]-[*:3](-[*:4])-[*:5]",
    ];
    private static readonly double[] DeleteAtomP = [0.25, 0.25, 0.25, 0.1875, 0.0625];

    private static readonly string[] ChangeBondChoices =
    [
        "[*:1]!-[*:2]>>[*:1]-[*:2]",
        "[*;!H0:1]-[*;!H0:2]>>[*:1]=[*:2]",
        "[*:1]#[*:2]>>[*:1]=[*:2]",
        "[*;!R;!H1;!H0:1]~[*:2]>>[*:1]#[*:2]",
    ];
    private static readonly double[] ChangeBondP = [0.45, 0.45, 0.05, 0.05];

    private static readonly string[] AddRingChoices =
    [
        "[*;!r;!H0:1]~[*;!r:2]~[*;!r;!H0:3]>>[*:1]1~[*:2]~[*:3]1",
        "[*;!r;!H0:1]~[*!r:2]~[*!r:3]~[*;!r;!H0:4]>>[*:1]1~[*:2]~[*:3]~[*:4]1",
        "[*;!r;!H0:1]~[*!r:2]~[*:3]~[*:4]~[*;!r;!H0:5]>>[*:1]1~[*:2]~[*:3]~[*:4]~[*:5]1",
        "[*;!r;!H0:1]~[*!r:2]~[*:3]~[*:4]~[*!r:5]~[*;!r;!H0:6]>>[*:1]1~[*:2]~[*:3]~[*:4]~[*:5]~[*:6]1",
    ];
    private static readonly double[] AddRingP = [0.05, 0.05, 0.45, 0.45];

    private static readonly string[] Elements = ["#6", "#7", "#8", "#9", "#16", "#17", "#35"];
    private static readonly double[] ElementP = [0.15, 0.15, 0.14, 0.14, 0.14, 0.14, 0.14];

    private static readonly string[][] AppendAtoms = [["C", "N", "O", "F", "S", "Cl", "Br"], ["C", "N", "O"], ["C", "N"]];
    private static readonly string[][] InsertAtoms = [["C", "N", "O", "S"], ["C", "N"], ["C"]];

    /// <summary>With probability <paramref name="rate"/> a mutated child (canonical SMILES; null when no
    /// mutation gave an acceptable molecule), otherwise <paramref name="smiles"/> unchanged.</summary>
    public static string? Mutate(string smiles, double rate, DesignRandom rng)
    {
        if (rng.NextDouble() > rate) return smiles;
        using var mol = ChemCache.TryParse(smiles);
        if (mol is null) return null;
        if (!MolGraph.Kekulize(mol)) return smiles;
        for (var attempt = 0; attempt < 10; attempt++)
        {
            // Every operator draws its own choice each attempt, as upstream does, keeping the random stream
            // consumption the same whichever operator is picked.
            var choices = new[]
            {
                InsertAtom(rng), ChangeBondOrder(rng), "[*:1]@[*:2]>>([*:1].[*:2])", AddRing(rng),
                DeleteAtom(rng), ChangeAtom(mol, rng), AppendAtom(rng),
            };
            var rxn = ChemCache.Reaction(choices[rng.WeightedIndex(OperatorP)]);
            var candidates = new List<string>();
            foreach (var set in rxn.Run(mol))
            {
                if (!GraphGaCrossover.MolOk(SmilesAtoms.Count(set[0]), rng)) continue;
                using var p = ChemCache.TryParse(set[0]);
                if (p is not null && GraphGaCrossover.RingOk(p)) candidates.Add(set[0]);
            }
            if (candidates.Count > 0) return rng.Choice(candidates);
        }
        return null;
    }

    private static string DeleteAtom(DesignRandom rng) => DeleteAtomChoices[rng.WeightedIndex(DeleteAtomP)];

    private static string ChangeBondOrder(DesignRandom rng) => ChangeBondChoices[rng.WeightedIndex(ChangeBondP)];

    private static string AddRing(DesignRandom rng) => AddRingChoices[rng.WeightedIndex(AddRingP)];

    private static string AppendAtom(DesignRandom rng)
    {
        var order = rng.WeightedIndex(BondOrderP);
        var atom = rng.Choice(AppendAtoms[order]);
        return order switch
        {
            0 => $"[*;!H0:1]>>[*:1]-{atom}",
            1 => $"[*;!H0;!H1:1]>>[*:1]={atom}",
            _ => $"[*;H3:1]>>[*:1]#{atom}",
        };
    }

    private static string InsertAtom(DesignRandom rng)
    {
        var order = rng.WeightedIndex(BondOrderP);
        var atom = rng.Choice(InsertAtoms[order]);
        return order switch
        {
            0 => $"[*:1]~[*:2]>>[*:1]{atom}[*:2]",
            1 => $"[*;!H0:1]~[*:2]>>[*:1]={atom}-[*:2]",
            _ => $"[*;!R;!H1;!H0:1]~[*:2]>>[*:1]#{atom}-[*:2]",
        };
    }

    private static string ChangeAtom(Molecule mol, DesignRandom rng)
    {
        var x = Elements[rng.WeightedIndex(ElementP)];
        // Upstream loops until the molecule has an atom of the drawn element; capped here so a molecule made
        // only of other elements cannot loop forever.
        for (var i = 0; i < 100 && !ChemCache.Has(mol, $"[{x}]"); i++) x = Elements[rng.WeightedIndex(ElementP)];
        var y = Elements[rng.WeightedIndex(ElementP)];
        while (y == x) y = Elements[rng.WeightedIndex(ElementP)];
        return $"[{x}:1]>>[{y}:1]";
    }
}
