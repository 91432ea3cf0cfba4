using MolGrid.Molecules;
using MolGrid.Pipelines.Design.Generators.Reinvent;

namespace MolGrid.Pipelines.Tests.Reinvent;

public class HoldoutSimilarityFilterTests
{
    private const string Celecoxib = "CC1=CC=C(C=C1)C1=CC(=NN1C1=CC=C(C=C1)S(N)(=O)=O)C(F)(F)F";

    // Expected Tanimoto values from python3-rdkit 2022.09 (AllChem.GetMorganFingerprintAsBitVect(m, 2, 4096),
    // DataStructs.TanimotoSimilarity), the calls GuacaMol's get_data.py makes.
    [Theory]
    [InlineData("Cc1ccc(-c2cc(C(F)(F)F)nn2-c2ccc(S(N)(=O)=O)cc2)cc1", 1.0, true)]
    [InlineData("Cc1ccc(-c2cc(C(F)(F)F)nn2-c2ccc(S(C)(=O)=O)cc2)cc1", 0.8, true)]
    [InlineData("c1ccc(-c2cc(C(F)(F)F)nn2-c2ccccc2)cc1", 0.5217391304347826, true)]
    [InlineData("c1ccccc1CCN", 0.07547169811320754, false)]
    [InlineData("CCO", 0.021739130434782608, false)]
    public void TanimotoAndVerdictMatchGuacaMol(string smiles, double expected, bool excluded)
    {
        var filter = new HoldoutSimilarityFilter([("celecoxib", Celecoxib)]);
        using var mol = MoleculeParser.ParseSmiles(smiles);
        Assert.Equal(excluded, filter.Excludes(mol, out var nearest, out var t));
        Assert.Equal("celecoxib", nearest);
        Assert.Equal(expected, t, 12);
    }

    [Fact]
    public void CorpusPreparationRemovesReferenceAnaloguesAndCountsThem()
    {
        var filter = new HoldoutSimilarityFilter(PmoReferenceMolecules.All);
        string[] raw =
        [
            "CC(C)(C)NCC(O)c1ccc(O)c(CO)c1",          // albuterol itself
            "CC(C)(C)NCC(O)c1ccc(O)c(CO)c1.Cl",       // its salt: largest fragment, same molecule
            "CCCCCCCCCCOc1ccc(cc1)C(=O)N",            // unrelated: kept
            "CCCCCCCCCCOc1ccc(cc1)C(=O)N",            // duplicate
            "C[Fe]C",                                   // disallowed element (or invalid)
            "not a smiles",
            "O=C(O)C[C@H](N)Cc1ccccc1",               // kept, stereo removed
        ];
        var (smiles, _, report) = PriorCorpus.Prepare(raw, filter, minTokenCount: 1);
        Assert.Equal(2, report.SimilarToHoldout);
        Assert.Equal(2, report.ExcludedByReference["albuterol"]);
        Assert.Equal(1, report.Duplicates);
        Assert.Equal(2, report.Invalid + report.DisallowedElements);
        Assert.Equal(["CCCCCCCCCCOc1ccc(C(N)=O)cc1", "NC(CC(=O)O)Cc1ccccc1"], smiles);
        Assert.Equal(18, filter.HoldoutCount);
    }
}
