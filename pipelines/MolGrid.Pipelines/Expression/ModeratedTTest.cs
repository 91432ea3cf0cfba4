using MathNet.Numerics;

namespace MolGrid.Pipelines.Expression;

/// <summary>
/// limma's empirical-Bayes moderated t for a two-group design (Smyth 2004; limma 3.54 lmFit + eBayes with
/// default arguments: no trend, not robust, proportion 0.01, stdev.coef.lim 0.1..4). Every gene has the same
/// residual df (n - 2) because genes with missing values are removed beforehand.
/// </summary>
public static class ModeratedTTest
{
    public sealed record Prior(double Df, double Variance);

    public sealed record Result(Prior Prior, double ResidualDf, double TotalDf, double[] T, double[] P, double[] B, double[] PosteriorVariance, double VarPrior);

    /// <param name="coefficients">Per gene: case mean minus control mean.</param>
    /// <param name="residualVariances">Per gene: pooled within-group variance (sigma^2 of lmFit).</param>
    /// <param name="residualDf">n - 2.</param>
    /// <param name="stdevUnscaled">sqrt(1/n_case + 1/n_control).</param>
    public static Result Compute(IReadOnlyList<double> coefficients, IReadOnlyList<double> residualVariances, double residualDf, double stdevUnscaled, double proportion = 0.01)
    {
        var n = residualVariances.Count;
        var prior = FitFDist(residualVariances, residualDf);
        var totalDf = Math.Min(residualDf + prior.Df, residualDf * n);
        var t = new double[n];
        var p = new double[n];
        var post = new double[n];
        for (var g = 0; g < n; g++)
        {
            post[g] = double.IsPositiveInfinity(prior.Df)
                ? prior.Variance
                : (residualDf * residualVariances[g] + prior.Df * prior.Variance) / (residualDf + prior.Df);
            t[g] = coefficients[g] / stdevUnscaled / Math.Sqrt(post[g]);
            p[g] = StudentTTail.TwoSided(t[g], totalDf);
        }
        var varPrior = TMixture(t, stdevUnscaled, totalDf, proportion, 0.1 * 0.1 / prior.Variance, 4.0 * 4.0 / prior.Variance);
        var b = new double[n];
        var su2 = stdevUnscaled * stdevUnscaled;
        var r = (su2 + varPrior) / su2;
        for (var g = 0; g < n; g++)
        {
            var t2 = t[g] * t[g];
            var kernel = prior.Df > 1e6
                ? t2 * (1 - 1 / r) / 2
                : (1 + totalDf) / 2 * Math.Log((t2 + totalDf) / (t2 / r + totalDf));
            b[g] = Math.Log(proportion / (1 - proportion)) - Math.Log(r) / 2 + kernel;
        }
        return new Result(prior, residualDf, totalDf, t, p, b, post, varPrior);
    }

    /// <summary>limma's fitFDist without covariate: moment estimates of the scaled-F prior on the variances.</summary>
    public static Prior FitFDist(IReadOnlyList<double> variances, double df1)
    {
        var n = variances.Count;
        if (n == 0) return new Prior(double.NaN, double.NaN);
        if (n == 1) return new Prior(0, variances[0]);
        var x = variances.Select(v => Math.Max(v, 0)).ToArray();
        var sorted = x.Order().ToArray();
        var m = n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
        if (m == 0) m = 1;
        for (var i = 0; i < n; i++) x[i] = Math.Max(x[i], 1e-5 * m);
        var shift = -SpecialFunctions.DiGamma(df1 / 2) + Math.Log(df1 / 2);
        var e = x.Select(v => Math.Log(v) + shift).ToArray();
        var emean = e.Average();
        var evar = e.Sum(v => (v - emean) * (v - emean)) / (n - 1);
        evar -= Polygamma.Trigamma(df1 / 2);
        if (evar > 0)
        {
            var df2 = 2 * Polygamma.TrigammaInverse(evar);
            return new Prior(df2, Math.Exp(emean + SpecialFunctions.DiGamma(df2 / 2) - Math.Log(df2 / 2)));
        }
        return new Prior(double.PositiveInfinity, x.Average());
    }

    /// <summary>limma's tmixture.vector with one df for every gene: the prior variance of the non-zero
    /// coefficients, used only by the B statistic.</summary>
    private static double TMixture(double[] t, double stdevUnscaled, double df, double proportion, double lo, double hi)
    {
        var genes = t.Length;
        var target = (int)Math.Ceiling(proportion / 2 * genes);
        if (target < 1) return double.NaN;
        var p = Math.Max((double)target / genes, proportion);
        var top = t.Select(Math.Abs).OrderDescending().Take(target).ToArray();
        var v1 = stdevUnscaled * stdevUnscaled;
        double sum = 0;
        for (var r = 1; r <= target; r++)
        {
            var p0 = StudentTTail.TwoSided(top[r - 1], df);
            var pTarget = ((r - 0.5) / genes - (1 - p) * p0) / p;
            double v0 = 0;
            if (pTarget > p0)
            {
                var q = StudentTTail.UpperQuantile(pTarget / 2, df);
                v0 = v1 * ((top[r - 1] / q) * (top[r - 1] / q) - 1);
            }
            sum += Math.Min(Math.Max(v0, lo), hi);
        }
        return sum / target;
    }
}
