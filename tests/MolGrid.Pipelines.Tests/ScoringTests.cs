using MolGrid.Pipelines.Design;
using MolGrid.Pipelines.Scoring;
using MolGrid.Pipelines.Scoring.Aggregators;
using MolGrid.Pipelines.Scoring.Transforms;

namespace MolGrid.Pipelines.Tests;

public class ScoringTests
{
    [Fact]
    public void CombineAppliesTransformsAndWeightedAggregation()
    {
        var fn = new ScoringFunction([new ConstantComponent("a", 0), new ConstantComponent("b", 0)],
            [new StepTransform(0, 10), null], [1.0, 3.0], new WeightedArithmeticMean());
        var s = fn.Combine("CCO", [ComponentResult.Ok(5), ComponentResult.Ok(0.2)]);
        Assert.Equal((1 * 1.0 + 3 * 0.2) / 4, s.Total, 12);
        Assert.Equal(5, s.Components["a.raw"]);
        Assert.Equal(1.0, s.Components["a"]);
        Assert.Null(s.Error);
    }

    [Fact]
    public void AFailedComponentZeroesTheTotalAndRecordsWhy()
    {
        var fn = new ScoringFunction([new ConstantComponent("a", 0), new ConstantComponent("b", 0)], [null, null], [1.0, 1.0], new WeightedArithmeticMean());
        var s = fn.Combine("CCO", [ComponentResult.Ok(0.9), ComponentResult.Fail("docking failed")]);
        Assert.Equal(0.0, s.Total);
        Assert.True(s.Failed);
        Assert.Contains("b", s.Error);
        Assert.Contains("docking failed", s.Error);
    }

    [Fact]
    public async Task BatchScorerAlignsResultsReportsBadSmilesAndUsesTheCache()
    {
        var counting = new ConstantComponent("c", 0.5);
        var fn = new ScoringFunction([counting, new Scoring.Components.DescriptorComponent("tpsa", "tpsa")], [null, null], [1.0, 0.0], new WeightedArithmeticMean());
        var cache = new InMemoryScoreCache();
        var scorer = new InProcessBatchScorer(fn, cache);
        string[] batch = ["OCC", "not a smiles", "c1ccccc1O", "CCO"];
        var first = await scorer.ScoreAsync(batch, default);
        Assert.Equal(4, first.Count);
        Assert.Equal("CCO", first[0].Smiles);
        Assert.Equal("CCO", first[3].Smiles);
        Assert.True(first[1].Failed);
        Assert.Equal(0.0, first[1].Total);
        Assert.Equal(20.23, first[2].Components["tpsa.raw"], 2);
        Assert.Equal(2, counting.Calls); // CCO once, phenol once
        var second = await scorer.ScoreAsync(["c1ccccc1O", "CCCC"], default);
        Assert.Equal(3, counting.Calls); // phenol came from the cache
        Assert.Equal(first[2].Total, second[0].Total);
    }
}
