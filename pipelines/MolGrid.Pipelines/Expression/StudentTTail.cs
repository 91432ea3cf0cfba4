using MathNet.Numerics;

namespace MolGrid.Pipelines.Expression;

/// <summary>Two-sided Student-t p-values through the regularised incomplete beta function, which keeps
/// relative accuracy far into the tail (2*pt(-|t|, df) in R).</summary>
internal static class StudentTTail
{
    public static double TwoSided(double t, double df)
    {
        if (double.IsNaN(t) || !(df > 0)) return double.NaN;
        if (double.IsInfinity(df)) return 2 * MathNet.Numerics.Distributions.Normal.CDF(0, 1, -Math.Abs(t));
        return SpecialFunctions.BetaRegularized(df / 2, 0.5, df / (df + t * t));
    }

    /// <summary>Upper quantile: the t with P(T &gt; t) = p (qt(p, df, lower.tail=FALSE)).</summary>
    public static double UpperQuantile(double p, double df)
    {
        // Invert the two-sided tail by bisection on log scale; monotone and robust for tiny p.
        double lo = 0, hi = 1;
        while (TwoSided(hi, df) / 2 > p) hi *= 2;
        for (var i = 0; i < 200; i++)
        {
            var mid = 0.5 * (lo + hi);
            if (TwoSided(mid, df) / 2 > p) lo = mid; else hi = mid;
            if (hi - lo <= 1e-15 * hi) break;
        }
        return 0.5 * (lo + hi);
    }
}
