namespace MolGrid.Pipelines.Expression;

/// <summary>Welch's unequal-variance t-test, case minus control (R's t.test(case, control)).</summary>
public static class WelchTTest
{
    public readonly record struct Result(double T, double Df, double P);

    public static Result Compute(ReadOnlySpan<double> caseValues, ReadOnlySpan<double> controlValues)
    {
        var (m1, v1) = MeanVariance(caseValues);
        var (m2, v2) = MeanVariance(controlValues);
        double n1 = caseValues.Length, n2 = controlValues.Length;
        var a = v1 / n1;
        var b = v2 / n2;
        var se2 = a + b;
        if (!(se2 > 0)) return new Result(double.NaN, double.NaN, double.NaN);
        var t = (m1 - m2) / Math.Sqrt(se2);
        var df = se2 * se2 / (a * a / (n1 - 1) + b * b / (n2 - 1));
        return new Result(t, df, StudentTTail.TwoSided(t, df));
    }

    internal static (double Mean, double Variance) MeanVariance(ReadOnlySpan<double> x)
    {
        double mean = 0;
        foreach (var v in x) mean += v;
        mean /= x.Length;
        double ss = 0;
        foreach (var v in x) ss += (v - mean) * (v - mean);
        return (mean, ss / (x.Length - 1));
    }
}
