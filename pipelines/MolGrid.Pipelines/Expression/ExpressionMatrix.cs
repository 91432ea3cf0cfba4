namespace MolGrid.Pipelines.Expression;

/// <summary>
/// Expression values, genes (probes) as rows and samples as columns, as read from a file. Missing cells are
/// NaN; the analysis decides what to do with them (<see cref="DifferentialExpression"/> drops and reports
/// such genes).
/// </summary>
public sealed class ExpressionMatrix
{
    public ExpressionMatrix(string source, IReadOnlyList<string> probes, IReadOnlyList<string?> annotations,
        IReadOnlyList<string> samples, double[][] values)
    {
        if (probes.Count != values.Length || annotations.Count != values.Length)
            throw new ArgumentException("probes, annotations and values must have one entry per row");
        Source = source;
        Probes = probes;
        Annotations = annotations;
        Samples = samples;
        Values = values;
    }

    /// <summary>The file it came from (named in errors).</summary>
    public string Source { get; }

    public IReadOnlyList<string> Probes { get; }

    /// <summary>The annotation column (e.g. Golub's "description": gene symbol first where known), or null.</summary>
    public IReadOnlyList<string?> Annotations { get; }

    public IReadOnlyList<string> Samples { get; }

    /// <summary>Values[gene][sample].</summary>
    public double[][] Values { get; }
}
