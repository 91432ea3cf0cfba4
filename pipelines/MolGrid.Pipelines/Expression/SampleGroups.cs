namespace MolGrid.Pipelines.Expression;

/// <summary>Which matrix columns are case and which are control. Samples in neither are left out.</summary>
public sealed record SampleGroups(string CaseName, string ControlName, IReadOnlyList<int> CaseColumns, IReadOnlyList<int> ControlColumns)
{
    /// <summary>Each group needs two samples at least: one sample has no within-group variance, so neither
    /// Welch's t nor a per-group variance exists.</summary>
    public const int MinimumPerGroup = 2;

    /// <summary>Groups by column-name prefix: "AML" matches AML, AML_1, AML-2, AML.3 (prefix then _, - or .).</summary>
    public static SampleGroups FromPrefixes(ExpressionMatrix matrix, string casePrefix, string controlPrefix)
    {
        if (string.Equals(casePrefix, controlPrefix, StringComparison.Ordinal))
            throw new ExpressionDataException(matrix.Source, $"case and control are both '{casePrefix}'");
        var caseCols = new List<int>();
        var controlCols = new List<int>();
        for (var j = 0; j < matrix.Samples.Count; j++)
        {
            var s = matrix.Samples[j];
            var isCase = HasPrefix(s, casePrefix);
            var isControl = HasPrefix(s, controlPrefix);
            if (isCase && isControl)
                throw new ExpressionDataException(matrix.Source, $"sample '{s}' matches both the case prefix '{casePrefix}' and the control prefix '{controlPrefix}'");
            if (isCase) caseCols.Add(j);
            else if (isControl) controlCols.Add(j);
        }
        return Checked(matrix, new SampleGroups(casePrefix, controlPrefix, caseCols, controlCols), "column-name prefix");
    }

    /// <summary>Groups from a sample sheet: CSV (or TSV) with header "sample,group". Every sample the sheet
    /// names must be a matrix column; matrix columns the sheet leaves out, or whose group is neither case nor
    /// control, are not analysed.</summary>
    public static SampleGroups FromSheet(ExpressionMatrix matrix, string sheetPath, string caseGroup, string controlGroup)
    {
        var delimiter = DelimitedText.DelimiterFor(sheetPath);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var j = 0; j < matrix.Samples.Count; j++) index[matrix.Samples[j]] = j;
        int sampleCol = -1, groupCol = -1;
        var caseCols = new List<int>();
        var controlCols = new List<int>();
        var assigned = new HashSet<string>(StringComparer.Ordinal);
        var first = true;
        foreach (var (lineNo, text) in DelimitedText.Lines(sheetPath))
        {
            var f = DelimitedText.Split(text, delimiter) ?? throw ExpressionDataException.At(sheetPath, lineNo, null, "unterminated quote");
            if (first)
            {
                first = false;
                sampleCol = f.FindIndex(h => h.Trim().Equals("sample", StringComparison.OrdinalIgnoreCase));
                groupCol = f.FindIndex(h => h.Trim().Equals("group", StringComparison.OrdinalIgnoreCase));
                if (sampleCol < 0 || groupCol < 0)
                    throw ExpressionDataException.At(sheetPath, lineNo, null, "the header must name 'sample' and 'group' columns");
                continue;
            }
            if (f.Count <= Math.Max(sampleCol, groupCol))
                throw ExpressionDataException.At(sheetPath, lineNo, null, $"ragged row: {f.Count} fields");
            var sample = f[sampleCol].Trim();
            var group = f[groupCol].Trim();
            if (!index.TryGetValue(sample, out var col))
                throw ExpressionDataException.At(sheetPath, lineNo, "sample", $"sample '{sample}' is not a column of {matrix.Source}");
            if (!assigned.Add(sample))
                throw ExpressionDataException.At(sheetPath, lineNo, "sample", $"sample '{sample}' is listed twice");
            if (group == caseGroup) caseCols.Add(col);
            else if (group == controlGroup) controlCols.Add(col);
        }
        if (first) throw new ExpressionDataException(sheetPath, "the sample sheet is empty");
        caseCols.Sort();
        controlCols.Sort();
        return Checked(matrix, new SampleGroups(caseGroup, controlGroup, caseCols, controlCols), $"sample sheet {sheetPath}");
    }

    private static bool HasPrefix(string sample, string prefix) =>
        sample.Equals(prefix, StringComparison.Ordinal) ||
        (sample.Length > prefix.Length && sample.StartsWith(prefix, StringComparison.Ordinal) && sample[prefix.Length] is '_' or '-' or '.');

    private static SampleGroups Checked(ExpressionMatrix matrix, SampleGroups g, string how)
    {
        foreach (var (name, cols) in new[] { (g.CaseName, g.CaseColumns), (g.ControlName, g.ControlColumns) })
            if (cols.Count < MinimumPerGroup)
                throw new ExpressionDataException(matrix.Source,
                    $"group '{name}' has {cols.Count} sample(s) by {how}; at least {MinimumPerGroup} are needed to estimate its variance");
        return g;
    }
}
