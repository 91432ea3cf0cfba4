using MolGrid.Molecules;
using MolGrid.Pipelines.Design;
using MolGrid.Pipelines.Design.Generators;

namespace MolGrid.Pipelines.Tests;

public class GraphGaTests
{
    [Fact]
    public void OffspringParseAndPassJensensChecks()
    {
        var parents = TestData.CorpusHead(40);
        var made = 0;
        for (var i = 0; i < 60; i++)
        {
            var rng = new DesignRandom(11, 0, i);
            string? child, mutated;
            try
            {
                child = GraphGaCrossover.Crossover(parents[rng.Next(parents.Count)], parents[rng.Next(parents.Count)], rng);
                if (child is null) continue;
                // Mutation rate 1: every child goes through one of the seven mutations.
                mutated = GraphGaMutation.Mutate(child, 1.0, rng);
            }
            // RDKit can throw inside a reaction; the loop counts that child as not made, as here.
            catch (InvalidInputException) { continue; }
            foreach (var smiles in new[] { child, mutated })
            {
                if (smiles is null) continue;
                made++;
                Assert.DoesNotContain("*", smiles);
                using var mol = MoleculeParser.ParseSmiles(smiles);
                Assert.InRange(mol.AtomCount, 6, 60);
                Assert.True(GraphGaCrossover.RingOk(mol), $"ring check fails for {smiles}");
                var rings = MolGraph.RingSizes(mol);
                Assert.All(rings, r => Assert.InRange(r, 3, 6));
            }
        }
        Assert.True(made >= 40, $"only {made} valid children from 60 crossovers");
    }

    [Theory]
    [InlineData("C1=C=C1CCCCCC", false)]   // allene in a ring
    [InlineData("C1CCCCCCC1", false)]       // macrocycle (8)
    [InlineData("C1=CC1CCCC", false)]       // double bond in a 3-ring
    [InlineData("c1ccccc1CC1CCNCC1", true)]
    [InlineData("CCCCCC", true)]
    public void RingCheckFollowsJensen(string smiles, bool ok)
    {
        using var mol = MoleculeParser.ParseSmiles(smiles);
        Assert.Equal(ok, GraphGaCrossover.RingOk(mol));
    }

    [Fact]
    public void RandomStreamsAreFixedBySeedRoundAndStream()
    {
        var a = new DesignRandom(5, 3, 2);
        var b = new DesignRandom(5, 3, 2);
        var c = new DesignRandom(5, 4, 2);
        var xs = Enumerable.Range(0, 5).Select(_ => a.NextULong()).ToArray();
        Assert.Equal(xs, Enumerable.Range(0, 5).Select(_ => b.NextULong()));
        Assert.NotEqual(xs, Enumerable.Range(0, 5).Select(_ => c.NextULong()));
        var g = new DesignRandom(1);
        var samples = Enumerable.Range(0, 20000).Select(_ => g.NextGaussian()).ToArray();
        Assert.InRange(samples.Average(), -0.05, 0.05);
        Assert.InRange(Math.Sqrt(samples.Select(x => x * x).Average()), 0.95, 1.05);
    }

    [Fact]
    public void BricsBuildsCompleteValidMolecules()
    {
        var fragments = BricsLoop.Fragments(TestData.CorpusHead(30));
        Assert.True(fragments.Count > 20);
        Assert.All(fragments, f => Assert.Contains("*", f));
        var built = 0;
        for (var i = 0; i < 80; i++)
        {
            var m = BricsLoop.Build(fragments, 4, new DesignRandom(3, 0, i));
            if (m is null) continue;
            built++;
            Assert.DoesNotContain("*", m);
            using var mol = MoleculeParser.ParseSmiles(m);
            Assert.True(mol.AtomCount > 1);
        }
        Assert.True(built >= 10, $"only {built} complete molecules from 80 builds");
    }

    [Fact]
    public void EveryBricsJoinReactionCompiles()
    {
        Assert.Equal(46, BricsRules.Joins.Count);
        foreach (var j in BricsRules.Joins)
        {
            using var rxn = Reaction.FromSmarts(j.Smarts);
            Assert.Equal(2, rxn.ReactantCount);
        }
    }
}
