using MolGrid.Pipelines.Benchmarks.Pmo;

namespace MolGrid.Pipelines.Tests;

/// <summary>PMO's AUC top-10 against mol_opt's top_auc run in Python (Fixtures/transforms_and_auc.py).</summary>
public class PmoAucTests
{
    [Fact]
    public void AucMatchesMolOptTopAuc()
    {
        foreach (var line in File.ReadLines(TestData.Fixture("pmo_auc.csv")).Skip(1))
        {
            var p = line.Split(',');
            var maxCalls = int.Parse(p[2]);
            var expected = TestData.D(p[3]);
            var scores = p[4].Split(' ').Select(TestData.D).ToArray();
            Assert.Equal(int.Parse(p[1]), scores.Length);
            Assert.Equal(expected, PmoAuc.TopK(scores, 10, 100, maxCalls), 12);
        }
    }

    [Fact]
    public void ConstantScoresGiveThatScore()
    {
        // The curve starts at 0 before the first log point: the first 100 calls count half, so
        // (0.7 * 10000 - 100 * 0.7 / 2) / 10000 = 0.6965.
        Assert.Equal(0.6965, PmoAuc.TopK(Enumerable.Repeat(0.7, 10_000).ToArray()), 12);
        // Stopping early extends the last top-10 mean to the budget: the same value after 250 calls.
        Assert.Equal(0.6965, PmoAuc.TopK(Enumerable.Repeat(0.7, 250).ToArray()), 12);
    }
}
