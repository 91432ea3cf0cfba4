using System.Text.RegularExpressions;
using MolGrid.Molecules;

namespace MolGrid.Pipelines.Design.Generators;

/// <summary>
/// BRICS recombination (a seeded, sampling form of RDKit's Python-only BRICS.BRICSBuild): the population is
/// cut into BRICS fragments; each child starts from a random fragment and is grown by joining random
/// partner fragments with the BRICS reverse reactions until no open attachment point remains (at most
/// max_fragments fragments). Incomplete molecules are discarded, as BRICSBuild(onlyCompleteMols=True) does.
/// </summary>
public sealed partial class BricsLoop(DesignSpec spec, DesignLoopOptions options, IReadOnlyList<string> startCandidates)
    : EvolutionaryLoop(spec, options, startCandidates)
{
    [GeneratedRegex(@"\[(\d+)\*\]")]
    private static partial Regex DummyLabel();

    protected override IReadOnlyList<string?> Breed(IReadOnlyList<(string Smiles, double Score)> population, long seed, int round)
    {
        var fragments = Fragments(population.Select(p => p.Smiles));
        if (fragments.Count == 0) return [];
        return ForEachChild(Generator.OffspringSize, seed, round, (_, rng) => Build(fragments, Generator.MaxFragments, rng));
    }

    /// <summary>Distinct BRICS fragments (with labelled dummy atoms) of the molecules, sorted for determinism.</summary>
    public static IReadOnlyList<string> Fragments(IEnumerable<string> smiles)
    {
        var set = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var s in smiles)
        {
            if (!MoleculeParser.TryParseSmiles(s, out var mol, out _)) continue;
            using (mol)
                foreach (var f in Fragmentation.BricsFragments(mol!))
                    if (f.Contains('*')) set.Add(f);
        }
        return set.ToArray();
    }

    public static IReadOnlySet<int> Labels(string smiles) =>
        DummyLabel().Matches(smiles).Select(m => int.Parse(m.Groups[1].Value)).ToHashSet();

    /// <summary>One complete molecule grown from random fragments, or null.</summary>
    public static string? Build(IReadOnlyList<string> fragments, int maxFragments, DesignRandom rng)
    {
        var current = rng.Choice(fragments);
        for (var step = 1; step < maxFragments; step++)
        {
            var labels = Labels(current);
            if (labels.Count == 0) return current;
            var options = new List<(BricsRules.Join Join, bool CurrentFirst)>();
            foreach (var j in BricsRules.Joins)
            {
                if (labels.Contains(j.LabelA)) options.Add((j, true));
                if (labels.Contains(j.LabelB)) options.Add((j, false));
            }
            if (options.Count == 0) return null;
            var (join, currentFirst) = rng.Choice(options);
            var partnerLabel = currentFirst ? join.LabelB : join.LabelA;
            var partners = fragments.Where(f => Labels(f).Contains(partnerLabel)).ToArray();
            if (partners.Length == 0) return null;
            var partner = rng.Choice(partners);
            using var a = ChemCache.TryParse(currentFirst ? current : partner);
            using var b = ChemCache.TryParse(currentFirst ? partner : current);
            if (a is null || b is null) return null;
            var products = ChemCache.Reaction(join.Smarts).Run(a, b);
            if (products.Count == 0) return null;
            current = rng.Choice(products)[0];
        }
        return Labels(current).Count == 0 ? current : null;
    }
}
