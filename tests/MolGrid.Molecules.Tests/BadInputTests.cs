namespace MolGrid.Molecules.Tests;

/// <summary>Inputs MolGrid must refuse with a typed error naming the input, without taking the process down.</summary>
public class BadInputTests
{
    [Theory]
    [InlineData("C1CC", "unclosed ring")]
    [InlineData("C(C", "")]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("CCé", "non-ASCII")]
    [InlineData("[Xx]C", "")]
    [InlineData("C(C)(C)(C)(C)C", "valence")]
    [InlineData("CC\nCC", "control character")]
    public void InvalidSmilesIsATypedErrorNamingTheInput(string smiles, string reasonFragment)
    {
        var e = Assert.Throws<InvalidMoleculeException>(() => MoleculeParser.ParseSmiles(smiles));
        Assert.Equal(smiles, e.Input);
        Assert.Contains(reasonFragment, e.Reason, StringComparison.OrdinalIgnoreCase);
        Assert.IsAssignableFrom<InvalidInputException>(e);
        if (smiles.Trim().Length > 0) Assert.Contains(smiles.Trim()[..2], e.Message);
        Assert.False(MoleculeParser.TryParseSmiles(smiles, out var mol, out var error));
        Assert.Null(mol);
        Assert.NotNull(error);
    }

    [Fact]
    public void TwentyThousandAtomChainIsRefusedBeforeRdkit()
    {
        var chain = new string('C', 20_000);
        var e = Assert.Throws<InvalidMoleculeException>(() => MoleculeParser.ParseSmiles(chain));
        Assert.Contains("longer than", e.Reason);
        Assert.Contains("20000 chars", e.Message);
    }

    [Fact]
    public void ChainJustAboveTheAtomCapIsRefusedAndJustBelowIsAccepted()
    {
        var above = new string('C', InputLimits.MaxAtoms + 1);
        var e = Assert.Throws<InvalidMoleculeException>(() => MoleculeParser.ParseSmiles(above));
        Assert.Contains($"{InputLimits.MaxAtoms + 1} atoms", e.Reason);
        using var atCap = MoleculeParser.ParseSmiles(new string('C', InputLimits.MaxAtoms));
        Assert.Equal(InputLimits.MaxAtoms, atCap.AtomCount);
        Assert.Equal(new string('C', InputLimits.MaxAtoms), MoleculeWriter.CanonicalSmiles(atCap));
    }

    [Theory]
    [InlineData("[C")]
    [InlineData("c1ccccc1[")]
    public void InvalidSmartsIsATypedError(string smarts)
    {
        var e = Assert.Throws<InvalidMoleculeException>(() => MoleculeParser.ParseSmarts(smarts));
        Assert.Equal(smarts, e.Input);
    }

    [Fact]
    public void BrokenMolBlockIsATypedError()
    {
        var e = Assert.Throws<InvalidMoleculeException>(() => MoleculeParser.ParseMolBlock("broken\n  junk\n\n  2  1  0  0\nM  END\n"));
        Assert.Equal("broken", e.Input);
        Assert.Throws<InvalidMoleculeException>(() => MoleculeParser.ParseMolBlock("   "));
    }

    [Fact]
    public void BadReactionSmartsIsATypedError()
    {
        Assert.Throws<InvalidMoleculeException>(() => Reaction.FromSmarts("CC"));
        Assert.Throws<InvalidMoleculeException>(() => Reaction.FromSmarts("[C:1>>[C:1]"));
    }

    [Fact]
    public void ErrorsOnOneThreadDoNotLeakIntoAnother()
    {
        var bad = new[] { "C1CC", "C(C", "[Xx]C", "C(C)(C)(C)(C)C" };
        Parallel.For(0, 400, i =>
        {
            if (i % 2 == 0)
            {
                using var ok = MoleculeParser.ParseSmiles("c1ccccc1O");
                Assert.Equal("Oc1ccccc1", MoleculeWriter.CanonicalSmiles(ok));
            }
            else
            {
                var s = bad[i / 2 % bad.Length];
                var e = Assert.Throws<InvalidMoleculeException>(() => MoleculeParser.ParseSmiles(s));
                Assert.Equal(s, e.Input);
            }
        });
    }
}
