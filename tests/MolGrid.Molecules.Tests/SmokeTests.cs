using MolGrid.Molecules;

namespace MolGrid.Molecules.Tests;

public class SmokeTests
{
    [Fact]
    public void CoreCallsWork()
    {
        using var m = MoleculeParser.ParseSmiles("OC(=O)c1ccccc1OC(C)=O");
        Assert.Equal("CC(=O)Oc1ccccc1C(=O)O", MoleculeWriter.CanonicalSmiles(m));
        var d = Descriptors.Compute(m);
        Assert.Equal(180.159, d.MolWt, 3);
        var ex = Assert.Throws<InvalidMoleculeException>(() => MoleculeParser.ParseSmiles("C1CC"));
        Assert.Contains("SMILES Parse Error", ex.Reason);
        using var alerts = new StructuralAlerts();
        Assert.Equal(585, alerts.EntryCount);
        using var p = MoleculeParser.ParseSmiles("O=C1C=CC(=O)C=C1");
        var hits = alerts.Match(p);
        Assert.NotEmpty(hits);
        Assert.StartsWith("<svg", Depiction.ToSvg(m).TrimStart().Substring(Depiction.ToSvg(m).TrimStart().IndexOf("<svg")));
        var c = Conformers.Embed(m);
        Assert.Contains("V2000", c.MolBlock);
        using var rxn = Reaction.FromSmarts("[C:1](=[O:2])[OH]>>[C:1](=[O:2])N");
        var prods = rxn.Run(m);
        Assert.Single(prods);
        
        System.Console.WriteLine(string.Join("|", hits.Select(h => h.Catalog + ":" + h.Description)) + " / " + string.Join(",", Fragmentation.BricsFragments(m)) + " " + prods[0][0] + " E=" + c.MmffEnergy + " v=" + RdkitInfo.Version);
    }
}
