using System.Text.Json;

namespace MolGrid.Molecules.Tests;

/// <summary>Fingerprints, alerts, fragmentation, substructure and reactions against python3-rdkit on the first
/// 500 WEHI molecules plus edge cases (Fixtures/make_api_reference.py).</summary>
public class ApiReferenceTests
{
    private static readonly Lazy<StructuralAlerts> Alerts = new(() => new StructuralAlerts());

    private static void ForEachMolecule(Func<JsonElement, Molecule, string?> check)
    {
        var failures = new List<string>();
        foreach (var entry in ApiReference.Molecules)
        {
            var smiles = entry.GetProperty("smiles").GetString()!;
            using var mol = MoleculeParser.ParseSmiles(smiles);
            if (check(entry, mol) is { } failure) failures.Add($"{smiles}: {failure}");
        }
        Assert.True(failures.Count == 0, $"{failures.Count} differ from RDKit-Python:\n" + string.Join("\n", failures.Take(10)));
    }

    [Fact]
    public void MorganBitsEqualRdkit() => ForEachMolecule((e, mol) =>
    {
        var expected = ApiReference.Ints(e.GetProperty("morgan_bits"));
        var fp = Fingerprints.MorganBits(mol);
        return fp.OnBits().SequenceEqual(expected) && fp.BitCount == expected.Length ? null : "Morgan bits differ";
    });

    [Fact]
    public void FeatureMorganBitsEqualRdkit() => ForEachMolecule((e, mol) =>
        Fingerprints.MorganBits(mol, useFeatures: true).OnBits().SequenceEqual(ApiReference.Ints(e.GetProperty("fcfp_bits"))) ? null : "FCFP bits differ");

    [Fact]
    public void MorganCountsEqualRdkit() => ForEachMolecule((e, mol) =>
    {
        var fp = Fingerprints.MorganCounts(mol);
        return fp.Ids.Zip(fp.Counts).SequenceEqual(ApiReference.Counts(e.GetProperty("morgan_counts"))) ? null : "Morgan counts differ";
    });

    [Fact]
    public void AtomPairCountsEqualRdkit() => ForEachMolecule((e, mol) =>
    {
        var fp = Fingerprints.AtomPairCounts(mol);
        return fp.Ids.Zip(fp.Counts).SequenceEqual(ApiReference.Counts(e.GetProperty("atom_pairs"))) ? null : "atom pairs differ";
    });

    [Fact]
    public void PainsAndBrenkAlertsEqualRdkit()
    {
        var withAlerts = 0;
        ForEachMolecule((e, mol) =>
        {
            var expected = ApiReference.Strings(e.GetProperty("alerts"));
            if (expected.Length > 0) withAlerts++;
            var actual = Alerts.Value.Match(mol).Select(a => $"{a.Catalog}\t{a.Description}").Order(StringComparer.Ordinal).ToArray();
            return actual.SequenceEqual(expected.Order(StringComparer.Ordinal)) ? null : $"alerts [{string.Join("; ", actual)}] vs [{string.Join("; ", expected)}]";
        });
        Assert.True(withAlerts > 50, "the sample should exercise the catalogue");
    }

    [Fact]
    public void BricsFragmentsEqualRdkit() => ForEachMolecule((e, mol) =>
    {
        var actual = Fragmentation.BricsFragments(mol).Order(StringComparer.Ordinal).ToArray();
        var expected = ApiReference.Strings(e.GetProperty("brics"));
        return actual.SequenceEqual(expected) ? null : $"BRICS {string.Join(".", actual)} vs {string.Join(".", expected)}";
    });

    [Fact]
    public void MurckoScaffoldEqualsRdkit() => ForEachMolecule((e, mol) =>
    {
        var actual = Fragmentation.MurckoScaffold(mol);
        var expected = e.GetProperty("murcko").GetString();
        return actual == expected ? null : $"scaffold {actual} vs {expected}";
    });

    [Fact]
    public void SubstructureMatchesEqualRdkit()
    {
        var patterns = ApiReference.Strings(ApiReference.Root.GetProperty("patterns"))
            .Select(p => (Smarts: p, Query: MoleculeParser.ParseSmarts(p))).ToArray();
        ForEachMolecule((e, mol) =>
        {
            foreach (var (smarts, query) in patterns)
            {
                var expected = e.GetProperty("matches").GetProperty(smarts).EnumerateArray().Select(ApiReference.Ints).ToArray();
                var actual = Substructure.Matches(mol, query);
                if (actual.Count != expected.Length || actual.Zip(expected).Any(p => !p.First.SequenceEqual(p.Second)))
                    return $"{smarts}: {actual.Count} matches vs {expected.Length}";
                if (Substructure.HasMatch(mol, query) != expected.Length > 0) return $"{smarts}: HasMatch disagrees";
            }
            return null;
        });
        foreach (var (_, q) in patterns) q.Dispose();
    }

    [Fact]
    public void ReactionProductsEqualRdkit()
    {
        foreach (var r in ApiReference.Root.GetProperty("reactions").EnumerateArray())
        {
            using var rxn = Reaction.FromSmarts(r.GetProperty("smarts").GetString()!);
            var reactants = ApiReference.Strings(r.GetProperty("reactants")).Select(MoleculeParser.ParseSmiles).ToArray();
            var products = rxn.Run(reactants);
            var expected = r.GetProperty("products").EnumerateArray().Select(ApiReference.Strings).ToArray();
            Assert.Equal(expected.Length, products.Count);
            for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], products[i]);
            foreach (var m in reactants) m.Dispose();
        }
    }
}
