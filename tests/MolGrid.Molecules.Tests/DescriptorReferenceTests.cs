namespace MolGrid.Molecules.Tests;

/// <summary>Canonical SMILES, formula and every descriptor of <see cref="MolDescriptors"/> against RDKit's Python
/// API on all 10,000 WEHI molecules (Fixtures/make_wehi_reference.py).</summary>
public class DescriptorReferenceTests
{
    private static readonly WehiReference Reference = WehiReference.Load;

    [Fact]
    public void CanonicalSmilesAndFormulaEqualRdkitPython()
    {
        var failures = Reference.CheckAll((i, mol) =>
        {
            var canonical = MoleculeWriter.CanonicalSmiles(mol);
            var formula = Descriptors.Formula(mol);
            if (canonical != Reference.Text(i, "canonical")) return $"{Reference.Text(i, "smiles")}: canonical {canonical} vs {Reference.Text(i, "canonical")}";
            return formula == Reference.Text(i, "formula") ? null : $"{Reference.Text(i, "smiles")}: formula {formula} vs {Reference.Text(i, "formula")}";
        });
        WehiReference.AssertNoFailures(failures);
    }

    [Fact]
    public void EveryDescriptorEqualsRdkitPython()
    {
        var failures = Reference.CheckAll((i, mol) =>
        {
            var d = Descriptors.Compute(mol);
            var bad = MolDescriptors.Names
                .Where(name => Math.Abs(d[name] - Reference.Number(i, name)) > 1e-6)
                .Select(name => $"{name} {d[name]} vs {Reference.Number(i, name)}").ToArray();
            return bad.Length == 0 ? null : $"{Reference.Text(i, "smiles")}: {string.Join(", ", bad)}";
        });
        WehiReference.AssertNoFailures(failures);
    }

    [Fact]
    public void KeyIsTheSameForEquivalentSmilesAndDiffersBetweenMolecules()
    {
        var keys = new HashSet<string>();
        var canonical = new HashSet<string>();
        for (var i = 0; i < 200; i++)
        {
            var key = MoleculeKey.FromSmiles(Reference.Text(i, "smiles"));
            Assert.Equal(key, MoleculeKey.FromSmiles(Reference.Text(i, "canonical")));
            Assert.Matches("^MG1-[A-Z2-7]{26}$", key);
            keys.Add(key);
            canonical.Add(Reference.Text(i, "canonical"));
        }
        Assert.Equal(canonical.Count, keys.Count);
    }
}
