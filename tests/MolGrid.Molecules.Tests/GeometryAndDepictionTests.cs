using System.Globalization;
using System.Xml.Linq;

namespace MolGrid.Molecules.Tests;

public class GeometryAndDepictionTests
{
    private static double[][] Coordinates(string molBlock)
    {
        var lines = molBlock.Split('\n');
        var counts = lines[3];
        var atoms = int.Parse(counts[..3], CultureInfo.InvariantCulture);
        return lines.Skip(4).Take(atoms).Select(l => new[]
        {
            double.Parse(l[..10], CultureInfo.InvariantCulture), double.Parse(l[10..20], CultureInfo.InvariantCulture),
            double.Parse(l[20..30], CultureInfo.InvariantCulture),
        }).ToArray();
    }

    [Fact]
    public void EmbeddingIsThreeDimensionalFiniteAndDeterministicForASeed()
    {
        using var mol = MoleculeParser.ParseSmiles("CC(C)Cc1ccc(cc1)[C@@H](C)C(=O)O");
        var a = Conformers.Embed(mol, seed: 7);
        var b = Conformers.Embed(mol, seed: 7);
        var c = Conformers.Embed(mol, seed: 8);
        Assert.Equal(a.MolBlock, b.MolBlock);
        Assert.Equal(a.MmffEnergy, b.MmffEnergy);
        Assert.NotEqual(a.MolBlock, c.MolBlock);
        Assert.True(double.IsFinite(a.MmffEnergy));
        var xyz = Coordinates(a.MolBlock);
        Assert.Equal(33, xyz.Length); // 15 heavy atoms + 18 hydrogens
        // Non-planar: the spread along z (and along every axis) is well above zero.
        for (var axis = 0; axis < 3; axis++)
            Assert.True(xyz.Max(p => p[axis]) - xyz.Min(p => p[axis]) > 1.0, $"axis {axis} is flat");
        // Bonded C-C distances are chemical (about 1.5 A).
        Assert.InRange(Math.Sqrt(Enumerable.Range(0, 3).Sum(k => Math.Pow(xyz[0][k] - xyz[1][k], 2))), 1.4, 1.65);
    }

    [Fact]
    public void SvgIsWellFormedXml()
    {
        using var mol = MoleculeParser.ParseSmiles("c1ccccc1C(=O)N");
        var svg = Depiction.ToSvg(mol, 320, 240, "benzamide");
        var doc = XDocument.Parse(svg);
        Assert.Equal("svg", doc.Root!.Name.LocalName);
        Assert.Contains("320", doc.Root.Attribute("width")!.Value);
        Assert.Throws<ArgumentOutOfRangeException>(() => Depiction.ToSvg(mol, 5, 240));
    }

    [Fact]
    public void CrippenContributionsEqualRdkitAndSumToLogPWithExplicitHydrogens()
    {
        // rdMolDescriptors._CalcCrippenContribs(Chem.MolFromSmiles('CC(=O)Oc1ccccc1C(=O)O')), python3-rdkit 2022.09.3:
        // implicit hydrogens carry no contribution of their own, so the sum (0.1511) is not MolLogP (1.3101).
        double[] expected = [0.1441, -0.2783, -0.1526, -0.4195, 0.5437, 0.1581, 0.1581, 0.1581, 0.1581, 0.136, -0.2783, 0.1129, -0.2893];
        using var mol = MoleculeParser.ParseSmiles("CC(=O)Oc1ccccc1C(=O)O");
        var contributions = Descriptors.CrippenContributions(mol);
        Assert.Equal(expected.Length, contributions.Length);
        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], contributions[i].LogP, 1e-4);
        using var withH = MolGraph.AddHydrogens(mol);
        Assert.Equal(Descriptors.Compute(mol).CLogP, Descriptors.CrippenContributions(withH).Sum(c => c.LogP), 1e-9);
    }
}
