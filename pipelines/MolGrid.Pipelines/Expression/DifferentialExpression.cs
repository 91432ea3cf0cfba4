namespace MolGrid.Pipelines.Expression;

/// <summary>One gene (probe) of a differential-expression table. LogFC is case minus control on the scale of
/// the input (limma assumes log2 values; for already-transformed data such as Golub's it is the difference
/// of the given values).</summary>
public sealed record GeneDifferentialExpression(
    int Rank,
    string Probe,
    string? Symbol,
    double LogFC,
    double AveExpr,
    double T,
    double P,
    double AdjP,
    double B,
    double WelchT,
    double WelchDf,
    double WelchP);

/// <summary>A gene left out of the analysis, and why.</summary>
public sealed record DroppedGene(string Probe, string Reason);

public sealed record DifferentialExpressionResult(
    string Source,
    SampleGroups Groups,
    IReadOnlyList<GeneDifferentialExpression> Genes,
    IReadOnlyList<DroppedGene> Dropped,
    double PriorDf,
    double PriorVariance,
    double ResidualDf,
    double TotalDf);

/// <summary>
/// Two-group differential expression: limma's moderated t (lmFit on ~group, eBayes, topTable with BH), plus
/// Welch's t for comparison. Treatment of awkward genes (documented, reported in
/// <see cref="DifferentialExpressionResult.Dropped"/>, never silently scored): genes with a missing value in
/// an analysed sample are dropped (limma would fit them with fewer residual df); genes with no within-group
/// variation at all (constant genes included) are dropped (they carry no variance information, and limma's
/// offset of zero variances would drag the prior towards zero). Genes are ranked by |moderated t|, ties by
/// probe id (ordinal), which is limma's B order when every gene has the same df.
/// </summary>
public static class DifferentialExpression
{
    public static DifferentialExpressionResult Run(ExpressionMatrix matrix, SampleGroups groups)
    {
        var caseCols = groups.CaseColumns.ToArray();
        var controlCols = groups.ControlColumns.ToArray();
        int n1 = caseCols.Length, n2 = controlCols.Length;
        var kept = new List<int>();
        var dropped = new List<DroppedGene>();
        var caseBuf = new double[n1];
        var controlBuf = new double[n2];
        var coef = new List<double>();
        var s2 = new List<double>();
        var ave = new List<double>();
        var welch = new List<WelchTTest.Result>();
        for (var g = 0; g < matrix.Values.Length; g++)
        {
            var row = matrix.Values[g];
            for (var j = 0; j < n1; j++) caseBuf[j] = row[caseCols[j]];
            for (var j = 0; j < n2; j++) controlBuf[j] = row[controlCols[j]];
            var missing = caseBuf.Count(double.IsNaN) + controlBuf.Count(double.IsNaN);
            if (missing > 0)
            {
                dropped.Add(new DroppedGene(matrix.Probes[g], $"missing value in {missing} analysed sample(s)"));
                continue;
            }
            if (IsConstant(caseBuf) && IsConstant(controlBuf))
            {
                dropped.Add(new DroppedGene(matrix.Probes[g], caseBuf[0] == controlBuf[0]
                    ? "constant across all analysed samples"
                    : "no variation within either group (variance 0)"));
                continue;
            }
            var (m1, v1) = WelchTTest.MeanVariance(caseBuf);
            var (m2, v2) = WelchTTest.MeanVariance(controlBuf);
            kept.Add(g);
            coef.Add(m1 - m2);
            s2.Add(((n1 - 1) * v1 + (n2 - 1) * v2) / (n1 + n2 - 2));
            ave.Add((caseBuf.Sum() + controlBuf.Sum()) / (n1 + n2));
            welch.Add(WelchTTest.Compute(caseBuf, controlBuf));
        }
        if (kept.Count < 2)
            throw new ExpressionDataException(matrix.Source, $"only {kept.Count} gene(s) left after dropping {dropped.Count} with missing values or no variance; moderation needs several");

        var residualDf = n1 + n2 - 2.0;
        var mod = ModeratedTTest.Compute(coef, s2, residualDf, Math.Sqrt(1.0 / n1 + 1.0 / n2));
        var adj = BenjaminiHochberg.Adjust(mod.P);
        var order = Enumerable.Range(0, kept.Count)
            .OrderByDescending(i => Math.Abs(mod.T[i]))
            .ThenBy(i => matrix.Probes[kept[i]], StringComparer.Ordinal)
            .ToArray();
        var genes = new GeneDifferentialExpression[order.Length];
        for (var k = 0; k < order.Length; k++)
        {
            var i = order[k];
            var g = kept[i];
            genes[k] = new GeneDifferentialExpression(k + 1, matrix.Probes[g], GeneSymbols.FromAnnotation(matrix.Annotations[g]),
                coef[i], ave[i], mod.T[i], mod.P[i], adj[i], mod.B[i], welch[i].T, welch[i].Df, welch[i].P);
        }
        return new DifferentialExpressionResult(matrix.Source, groups, genes, dropped, mod.Prior.Df, mod.Prior.Variance, residualDf, mod.TotalDf);
    }

    private static bool IsConstant(double[] x)
    {
        foreach (var v in x)
            if (v != x[0]) return false;
        return true;
    }
}
