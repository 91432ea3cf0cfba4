using MolGrid.Pipelines.Scoring;
using MolGrid.Pipelines.Scoring.Aggregators;

namespace MolGrid.Pipelines.Tests;

/// <summary>Transforms against REINVENT 4's and GuacaMol's formulas evaluated in Python
/// (Fixtures/transforms_and_auc.py), and aggregators against hand-computed values.</summary>
public class TransformTests
{
    [Fact]
    public void TransformsMatchPythonFormulas()
    {
        var registry = TransformRegistry.CreateDefault();
        var rows = File.ReadLines(TestData.Fixture("transforms.csv")).Skip(1).Select(l => l.Split(',')).ToArray();
        Assert.True(rows.Length > 100);
        foreach (var r in rows)
        {
            var parameters = r[1].Split(';').Select(p => p.Split('=')).ToDictionary(p => p[0], p => (object)p[1]);
            var transform = registry.Create(TransformConfig.Create(r[0], parameters));
            var x = TestData.D(r[2]);
            var expected = TestData.D(r[3]);
            var actual = transform.Apply(x);
            Assert.True(Math.Abs(expected - actual) <= 1e-12 + 1e-9 * Math.Abs(expected), $"{r[0]}({r[1]}) at {x}: python {expected}, MolGrid {actual}");
        }
    }

    [Fact]
    public void DoubleSigmoidStaysFiniteWherePythonsFormOverflows()
    {
        var t = TransformRegistry.CreateDefault().Create(TransformConfig.Create("double_sigmoid",
            new Dictionary<string, object> { ["low"] = 60, ["high"] = 120 }));
        Assert.Equal(0.0, t.Apply(1e6), 12);
        Assert.Equal(0.0, t.Apply(-1e6), 12);
        Assert.Equal(1.0, t.Apply(90), 6);
    }

    [Fact]
    public void ValueMapMapsListedValuesAndDefaultsTheRest()
    {
        var t = TransformRegistry.CreateDefault().Create(new TransformConfig("value_map",
            new Design.SpecNode("t", new Dictionary<object, object>
            {
                ["type"] = "value_map",
                ["mapping"] = new Dictionary<object, object> { ["0"] = "1.0", ["1"] = "0.5" },
                ["default"] = "0.1",
            })));
        Assert.Equal(1.0, t.Apply(0));
        Assert.Equal(0.5, t.Apply(1));
        Assert.Equal(0.1, t.Apply(7));
    }

    [Fact]
    public void WeightedArithmeticMean()
    {
        // (2*0.5 + 1*1.0 + 1*0.0) / 4 = 0.5
        Assert.Equal(0.5, new WeightedArithmeticMean().Aggregate([0.5, 1.0, 0.0], [2, 1, 1]), 12);
        Assert.Equal(0.0, new WeightedArithmeticMean().Aggregate([0.5], [0]), 12);
    }

    [Fact]
    public void WeightedGeometricMean()
    {
        // (0.25^2 * 1^1)^(1/3) = 0.0625^(1/3)
        Assert.Equal(Math.Pow(0.0625, 1.0 / 3), new WeightedGeometricMean().Aggregate([0.25, 1.0], [2, 1]), 12);
        Assert.Equal(0.0, new WeightedGeometricMean().Aggregate([0.9, 0.0], [1, 1]), 12);
        // A zero with zero weight does not count.
        Assert.Equal(0.9, new WeightedGeometricMean().Aggregate([0.9, 0.0], [1, 0]), 12);
    }
}
