using MolGrid.Pipelines.Design;
using MolGrid.Pipelines.Scoring;

namespace MolGrid.Pipelines.Tests;

/// <summary>A raw NaN or infinity fails the molecule even when its transform would map it to a finite score.</summary>
public class ScoringNonFiniteTests
{
    private static ScoringFunction Function(string transform) => ScoringFunction.Create(DesignSpec.Parse($$"""
        name: t
        generator: {start_smiles: [CCO]}
        scoring: {components: [{type: qed, name: q, transform: {{transform}}}]}
        """, "t"), ComponentRegistry.Default);

    [Theory]
    [InlineData(double.NaN, "{type: step, low: 0, high: 1}")]
    [InlineData(double.PositiveInfinity, "{type: sigmoid, low: 0, high: 1}")]
    [InlineData(double.NegativeInfinity, "{type: value_map, mapping: {\"1\": 1.0}, default: 0.5}")]
    public void NonFiniteRawValuesFailTheMolecule(double raw, string transform)
    {
        var score = Function(transform).Combine("CCO", [ComponentResult.Ok(raw)]);
        Assert.True(score.Failed);
        Assert.Equal(0.0, score.Total);
        Assert.Contains("not a finite number", score.Error);
    }

    [Fact]
    public void FiniteRawValuesStillScore()
    {
        var score = Function("{type: step, low: 0, high: 1}").Combine("CCO", [ComponentResult.Ok(0.5)]);
        Assert.False(score.Failed);
        Assert.Equal(1.0, score.Total);
    }
}
