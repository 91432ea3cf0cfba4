using MolGrid.Molecules;
using MolGrid.Pipelines.Qsar;

namespace MolGrid.Pipelines.Tests.Qsar;

public sealed class ExplanationTests
{
    // Activity rises with each chlorine; the rest of the molecule carries no signal.
    private static (QsarRecord[] Records, double[] Y) ChlorineSet()
    {
        string[] scaffolds = ["c1ccccc1", "C1CCCCC1", "c1ccncc1", "CCCCCC", "c1ccoc1", "C1CCNCC1", "CC(C)CC", "c1ccsc1"];
        var rows = new List<(string, double)>();
        foreach (var s in scaffolds)
        {
            rows.Add((s, 5));
            rows.Add(("Cl" + s, 7));
            rows.Add(("ClC(Cl)" + s.Replace("c1", "c1", StringComparison.Ordinal), 8));
            rows.Add(("O" + s, 5));
            rows.Add(("N" + s, 5));
        }
        var records = rows.Select((r, i) =>
        {
            using var m = MoleculeParser.ParseSmiles(r.Item1);
            return new QsarRecord(i + 2, MoleculeWriter.CanonicalSmiles(m), r.Item2, Fingerprints.MorganBits(m), "");
        }).ToArray();
        return (records, rows.Select(r => r.Item2).ToArray());
    }

    [Theory]
    [InlineData("gp")]
    [InlineData("gbm")]
    public void Fingerprint_occlusion_puts_the_weight_on_the_atoms_that_carry_the_signal(string kind)
    {
        var (records, y) = ChlorineSet();
        var (model, _) = QsarTrainer.Train(kind, records, y, new QsarTrainingOptions { Gbm = new GradientBoostingOptions { Trees = 100, MinExamplesPerLeaf = 2 } });
        using var mol = MoleculeParser.ParseSmiles("Clc1ccc(O)cc1");
        var a = QsarExplanation.Explain(model, mol);
        Assert.Equal("fingerprint-occlusion", a.Method);
        var top = Array.IndexOf(a.Atoms.ToArray(), a.Atoms.Max());
        Assert.Equal(17, MolGraph.Atoms(mol)[top].AtomicNumber);
        Assert.True(a.Atoms[top] > 0);
        Assert.Equal(1.0, a.Normalised().Max(), 12);
    }
}
