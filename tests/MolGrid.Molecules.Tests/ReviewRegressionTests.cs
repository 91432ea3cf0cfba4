namespace MolGrid.Molecules.Tests;

/// <summary>Inputs a review found could crash or throw the wrong error.</summary>
public class ReviewRegressionTests
{
    [Fact]
    public void FragmentingOnTheSameBondTwiceIsRefusedBeforeRdkitSeesIt()
    {
        using var mol = MoleculeParser.ParseSmiles("CCO");
        Assert.Throws<ArgumentException>(() => Fragmentation.FragmentOnBonds(mol, [0, 0]));
        // The distinct case still works (RDKit gives the ethyl and hydroxyl pieces with dummies).
        Assert.Equal(2, Fragmentation.FragmentOnBonds(mol, [1], 1).Length);
    }

    [Fact]
    public void AnEmptyFingerprintIndexFindsNothing()
    {
        var index = FingerprintIndex.Build(Array.Empty<(string Id, string Smiles)>());
        Assert.Equal(0, index.Count);
        Assert.Empty(index.TopK("CCO", 5));
    }
}
