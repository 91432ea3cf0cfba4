using System.Globalization;

namespace MolGrid.Pipelines.Expression;

/// <summary>
/// Reads expression matrices: CSV, TSV (.tsv/.txt/.tab) and GCT 1.2 (.gct). Genes are rows, samples are
/// columns. The first column is the probe (gene) id; a second column headed description, symbol, gene,
/// annotation or name (GCT: always "Description") is kept as the annotation. Missing cells (empty, NA, NaN,
/// #N/A, null) become NaN. Anything else that is not a finite number, ragged rows, duplicate sample or
/// probe names are <see cref="ExpressionDataException"/>s naming file, line and column.
/// </summary>
public static class ExpressionMatrixReader
{
    private static readonly HashSet<string> AnnotationHeaders = new(StringComparer.OrdinalIgnoreCase)
        { "description", "desc", "symbol", "gene", "gene_symbol", "annotation", "name" };

    private static readonly HashSet<string> MissingTokens = new(StringComparer.OrdinalIgnoreCase)
        { "", "NA", "NaN", "#N/A", "null", "N/A" };

    public static ExpressionMatrix Read(string path)
    {
        var gct = Path.GetExtension(path).Equals(".gct", StringComparison.OrdinalIgnoreCase);
        var delimiter = DelimitedText.DelimiterFor(path);
        using var lines = DelimitedText.Lines(path).GetEnumerator();

        int? declaredRows = null, declaredCols = null;
        if (gct)
        {
            if (!lines.MoveNext() || !lines.Current.Text.StartsWith("#1.", StringComparison.Ordinal))
                throw ExpressionDataException.At(path, 1, null, "a GCT file starts with a '#1.2' version line");
            if (!lines.MoveNext()) throw ExpressionDataException.At(path, 2, null, "missing the GCT dimensions line");
            var dims = lines.Current.Text.Split('\t', StringSplitOptions.RemoveEmptyEntries);
            if (dims.Length < 2 || !int.TryParse(dims[0], out var r) || !int.TryParse(dims[1], out var c))
                throw ExpressionDataException.At(path, lines.Current.Number, null, "GCT dimensions line must hold '<rows>\\t<columns>'");
            (declaredRows, declaredCols) = (r, c);
        }

        if (!lines.MoveNext()) throw new ExpressionDataException(path, "the file is empty");
        var (headerLine, headerText) = lines.Current;
        var header = Split(path, headerLine, headerText, delimiter);
        var hasAnnotation = gct || (header.Count > 2 && AnnotationHeaders.Contains(header[1].Trim()));
        var firstSample = hasAnnotation ? 2 : 1;
        if (header.Count <= firstSample) throw ExpressionDataException.At(path, headerLine, null, "the header names no sample columns");

        var samples = header.Skip(firstSample).Select(s => s.Trim()).ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < samples.Count; i++)
        {
            if (samples[i].Length == 0) throw ExpressionDataException.At(path, headerLine, $"#{i + firstSample + 1}", "empty sample name");
            if (!seen.Add(samples[i])) throw ExpressionDataException.At(path, headerLine, samples[i], "duplicate sample name");
        }
        if (declaredCols is { } dc && dc != samples.Count)
            throw ExpressionDataException.At(path, headerLine, null, $"GCT declares {dc} samples but the header names {samples.Count}");

        var probes = new List<string>();
        var annotations = new List<string?>();
        var values = new List<double[]>();
        var probeSeen = new HashSet<string>(StringComparer.Ordinal);
        while (lines.MoveNext())
        {
            var (lineNo, text) = lines.Current;
            var fields = Split(path, lineNo, text, delimiter);
            if (fields.Count != header.Count)
                throw ExpressionDataException.At(path, lineNo, null, $"ragged row: {fields.Count} fields where the header has {header.Count}");
            var probe = fields[0].Trim();
            if (probe.Length == 0) throw ExpressionDataException.At(path, lineNo, header[0], "empty gene/probe id");
            if (!probeSeen.Add(probe)) throw ExpressionDataException.At(path, lineNo, header[0], $"duplicate gene/probe id '{probe}'");
            var row = new double[samples.Count];
            for (var j = 0; j < samples.Count; j++)
            {
                var cell = fields[j + firstSample].Trim();
                if (MissingTokens.Contains(cell)) { row[j] = double.NaN; continue; }
                if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
                    throw ExpressionDataException.At(path, lineNo, samples[j], $"'{Clip(cell)}' is not a number");
                row[j] = v;
            }
            probes.Add(probe);
            annotations.Add(hasAnnotation ? fields[1].Trim() : null);
            values.Add(row);
        }
        if (values.Count == 0) throw new ExpressionDataException(path, "no gene rows after the header");
        if (declaredRows is { } dr && dr != values.Count)
            throw new ExpressionDataException(path, $"GCT declares {dr} rows but holds {values.Count}");
        return new ExpressionMatrix(path, probes, annotations, samples, values.ToArray());
    }

    private static List<string> Split(string path, int line, string text, char delimiter) =>
        DelimitedText.Split(text, delimiter) ?? throw ExpressionDataException.At(path, line, null, "unterminated quote");

    private static string Clip(string s) => s.Length > 40 ? s[..40] + "..." : s;
}
