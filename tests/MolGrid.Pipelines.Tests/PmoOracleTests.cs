using MolGrid.Molecules;
using MolGrid.Pipelines.Benchmarks.Pmo;

namespace MolGrid.Pipelines.Tests;

/// <summary>Each PMO oracle against an independent python3-rdkit implementation of the GuacaMol/TDC
/// definitions (Fixtures/pmo_oracles.py made Fixtures/pmo_oracles.csv), including RDKit's own Python
/// Pharm2D (PHCO), BertzCT and QED, which MolGrid ports to C#.</summary>
public class PmoOracleTests
{
    public static IEnumerable<object[]> Tasks() => PmoOracles.TaskNames.Select(t => new object[] { t });

    [Theory]
    [MemberData(nameof(Tasks))]
    public void OracleMatchesPythonReference(string task)
    {
        var rows = File.ReadLines(TestData.Fixture("pmo_oracles.csv")).Skip(1).Select(l => l.Split(','))
            .Where(p => p[0] == task).ToArray();
        Assert.True(rows.Length >= 20, $"fixture has {rows.Length} rows for {task}");
        var oracle = PmoOracles.Get(task);
        foreach (var r in rows)
        {
            using var mol = MoleculeParser.ParseSmiles(r[1]);
            var expected = TestData.D(r[2]);
            var actual = oracle.Score(mol);
            Assert.True(Math.Abs(expected - actual) <= 1e-9 + 1e-9 * Math.Abs(expected), $"{task} on {r[1]}: python {expected}, MolGrid {actual}");
        }
    }

    public static IEnumerable<object[]> IsomerTasks() => PmoOracles.IsomerTasks.Select(t => new object[] { t });

    /// <summary>TDC 0.3.6's isomer score (what PMO's published runs were most likely scored with), against the same
    /// Python reference's re-implementation of TDC's Isomer_scoring_prev.</summary>
    [Theory]
    [MemberData(nameof(IsomerTasks))]
    public void Tdc036IsomerVariantMatchesPythonReference(string task)
    {
        var rows = File.ReadLines(TestData.Fixture("pmo_oracles.csv")).Skip(1).Select(l => l.Split(','))
            .Where(p => p[0] == task + "@tdc-0.3.6").ToArray();
        Assert.True(rows.Length >= 20, $"fixture has {rows.Length} rows for {task}@tdc-0.3.6");
        var oracle = PmoOracles.Get(task, IsomerTotal.SmilesRegex);
        var differs = 0;
        foreach (var r in rows)
        {
            using var mol = MoleculeParser.ParseSmiles(r[1]);
            var expected = TestData.D(r[2]);
            var actual = oracle.Score(mol);
            Assert.True(Math.Abs(expected - actual) <= 1e-9 + 1e-9 * Math.Abs(expected), $"{task}@tdc-0.3.6 on {r[1]}: python {expected}, MolGrid {actual}");
            if (Math.Abs(actual - PmoOracles.Get(task).Score(mol)) > 1e-6) differs++;
        }
        Assert.True(differs > 0, "the TDC 0.3.6 variant scored every molecule as the corrected one");
    }

    [Theory]
    [InlineData("NC(=O)c1ccccc1", 3)]     // N, C, O: aromatic carbons and every hydrogen are missed
    [InlineData("C1CCCCC1", 6)]           // C1 reads as one carbon, as does each C
    [InlineData("ClC1CCC(Br)CC1", 8)]     // halogens are one atom each
    [InlineData("C12CC1C2", 16)]          // the ring-closure run "12" is read as a count of twelve
    public void Tdc036TotalAtomCountIsTheFormulaRegexOverTheSmilesString(string smiles, int expected) =>
        Assert.Equal(expected, IsomerScore.SmilesRegexAtomCount(smiles));

    [Theory]
    [InlineData("celecoxib_rediscovery", PmoOracles.Celecoxib)]
    [InlineData("troglitazone_rediscovery", PmoOracles.Troglitazone)]
    [InlineData("thiothixene_rediscovery", PmoOracles.Thiothixene)]
    [InlineData("albuterol_similarity", PmoOracles.Albuterol)]
    [InlineData("mestranol_similarity", PmoOracles.Mestranol)]
    [InlineData("isomers_c7h8n2o2", "Cc1cc([N+](=O)[O-])ccc1N")]
    [InlineData("isomers_c7h8n2o2", "NC(=O)c1ccc(N)cc1O")]
    [InlineData("isomers_c9h10n2o2pf2cl", "CNC(=O)C(Cl)(F)c1ccc(OP)c(F)c1N")]
    public void TargetsScoreOne(string task, string smiles)
    {
        using var mol = MoleculeParser.ParseSmiles(smiles);
        Assert.Equal(1.0, PmoOracles.Get(task).Score(mol), 12);
    }

    [Fact]
    public void PharmacophoreFingerprintOfTheHopTargetIsItsOwnBestMatch()
    {
        var target = GuacaMolFingerprint.Of(PmoOracles.HopTarget, GuacaMolFingerprintType.Phco);
        var other = GuacaMolFingerprint.Of("CCOc1ccc2nc(S(N)(=O)=O)sc2c1", GuacaMolFingerprintType.Phco);
        Assert.Equal(1.0, target.Tanimoto(target));
        Assert.InRange(target.Tanimoto(other), 0.0, 0.99);
    }
}
