namespace MolGrid.Pipelines.Expression;

/// <summary>Trigamma and tetragamma (MathNet has digamma only) and limma's trigammaInverse.</summary>
internal static class Polygamma
{
    private const double Shift = 12;

    /// <summary>psi'(x) for x &gt; 0: recurrence up to x &gt;= 12, then the asymptotic series (error &lt; 1e-15).</summary>
    public static double Trigamma(double x)
    {
        if (!(x > 0)) return double.NaN;
        double acc = 0;
        while (x < Shift) { acc += 1 / (x * x); x += 1; }
        var z = 1 / (x * x);
        var series = 1 / x + z / 2 + z / x * (1.0 / 6 - z * (1.0 / 30 - z * (1.0 / 42 - z * (1.0 / 30 - z * 5.0 / 66))));
        return acc + series;
    }

    /// <summary>psi''(x) for x &gt; 0.</summary>
    public static double Tetragamma(double x)
    {
        if (!(x > 0)) return double.NaN;
        double acc = 0;
        while (x < Shift) { acc -= 2 / (x * x * x); x += 1; }
        var z = 1 / (x * x);
        var series = -z - z / x - z * z / 2 - z * z * (z * (-1.0 / 6 + z * (1.0 / 6 - z * (3.0 / 10 - z * 5.0 / 6))));
        return acc + series;
    }

    /// <summary>y with trigamma(y) = x, by limma's Newton iteration (Smyth 2004).</summary>
    public static double TrigammaInverse(double x)
    {
        if (double.IsNaN(x) || x < 0) return double.NaN;
        if (x > 1e7) return 1 / Math.Sqrt(x);
        if (x < 1e-6) return 1 / x;
        var y = 0.5 + 1 / x;
        for (var iter = 1; iter <= 50; iter++)
        {
            var tri = Trigamma(y);
            var dif = tri * (1 - tri / x) / Tetragamma(y);
            y += dif;
            if (-dif / y < 1e-8) break;
        }
        return y;
    }
}
