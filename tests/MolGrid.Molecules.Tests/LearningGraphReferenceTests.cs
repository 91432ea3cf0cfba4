using System.IO.Compression;
using System.Text.Json;

namespace MolGrid.Molecules.Tests;

/// <summary>Atom, bond and Morgan bit-environment views against python3-rdkit
/// (Fixtures/learning_reference.json.gz, written by Fixtures/make_learning_reference.py).</summary>
public class LearningGraphReferenceTests
{
    private static readonly JsonElement[] Reference = Load();

    private static JsonElement[] Load()
    {
        using var gz = new GZipStream(File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Fixtures", "learning_reference.json.gz")), CompressionMode.Decompress);
        return JsonDocument.Parse(gz).RootElement.GetProperty("molecules").EnumerateArray().Select(e => e.Clone()).ToArray();
    }

    private static int[] Ints(JsonElement e) => e.EnumerateArray().Select(x => x.GetInt32()).ToArray();

    [Fact]
    public void Atom_and_bond_properties_match_rdkit_python()
    {
        Assert.True(Reference.Length > 300);
        var stereoBonds = 0;
        var chiralAtoms = 0;
        foreach (var m in Reference)
        {
            using var mol = MoleculeParser.ParseSmiles(m.GetProperty("smiles").GetString()!);
            var atoms = LearningGraph.Atoms(mol);
            var expectedAtoms = m.GetProperty("atoms").EnumerateArray().Select(Ints).ToArray();
            var mass = m.GetProperty("mass").EnumerateArray().Select(x => x.GetDouble()).ToArray();
            Assert.Equal(expectedAtoms.Length, atoms.Length);
            for (var i = 0; i < atoms.Length; i++)
            {
                var a = atoms[i];
                Assert.Equal(expectedAtoms[i], new[] { a.AtomicNumber, a.TotalDegree, a.FormalCharge, a.ChiralTag, a.TotalHydrogens, a.Hybridization, a.IsAromatic ? 1 : 0 });
                Assert.Equal(mass[i], a.Mass, 6);
                if (a.ChiralTag != 0) chiralAtoms++;
            }
            var bonds = LearningGraph.Bonds(mol);
            var expectedBonds = m.GetProperty("bonds").EnumerateArray().Select(Ints).ToArray();
            Assert.Equal(expectedBonds.Length, bonds.Length);
            for (var i = 0; i < bonds.Length; i++)
            {
                var b = bonds[i];
                Assert.Equal(expectedBonds[i], new[] { b.Begin, b.End, b.BondType, b.IsConjugated ? 1 : 0, b.IsInRing ? 1 : 0, b.Stereo });
                if (b.Stereo != 0) stereoBonds++;
            }
        }
        Assert.True(chiralAtoms > 0 && stereoBonds > 0, "the reference set should exercise chiral tags and bond stereo");
    }

    [Fact]
    public void Morgan_bit_environments_match_rdkit_bit_info_and_the_bit_vector()
    {
        foreach (var m in Reference)
        {
            using var mol = MoleculeParser.ParseSmiles(m.GetProperty("smiles").GetString()!);
            var envs = LearningGraph.MorganBitEnvironments(mol).Select(e => new[] { e.Bit, e.CenterAtom, e.Radius })
                .OrderBy(e => e[0]).ThenBy(e => e[1]).ThenBy(e => e[2]).ToArray();
            var expected = m.GetProperty("bit_info").EnumerateArray().Select(Ints).ToArray();
            Assert.Equal(expected.Length, envs.Length);
            for (var i = 0; i < envs.Length; i++) Assert.Equal(expected[i], envs[i]);
            var on = Fingerprints.MorganBits(mol).OnBits().ToHashSet();
            Assert.Equal(on, envs.Select(e => e[0]).ToHashSet());
        }
    }

    [Fact]
    public void Weighted_depiction_shades_only_weighted_atoms_and_checks_its_input()
    {
        using var mol = MoleculeParser.ParseSmiles("c1ccccc1O");
        var plain = Depiction.ToSvgWithAtomWeights(mol, new double[7]);
        var shaded = Depiction.ToSvgWithAtomWeights(mol, [0, 0, 0, 0, 0, 0.9, -0.8]);
        Assert.StartsWith("<?xml", plain);
        // Atom 6 (-0.8) is a red disc, atom 5 (+0.9) a green one; no atom is shaded where every weight is zero.
        Assert.DoesNotContain("<ellipse", plain);
        Assert.Matches("<ellipse[^>]*class='atom-6'[^>]*fill:#FF3[0-9A-F]3[0-9A-F]", shaded);
        Assert.Matches("<ellipse[^>]*class='atom-5'[^>]*fill:#1[0-9A-F]A[0-9A-F]1[0-9A-F]", shaded);
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Count(shaded, "<ellipse"));
        Assert.Throws<ArgumentException>(() => Depiction.ToSvgWithAtomWeights(mol, new double[3]));
    }
}
