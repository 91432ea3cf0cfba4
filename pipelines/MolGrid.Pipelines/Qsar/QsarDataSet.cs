using System.Globalization;
using MolGrid.Molecules;
using MolGrid.Pipelines.Expression;

namespace MolGrid.Pipelines.Qsar;

/// <summary>One training molecule: canonical SMILES, measured activity (pIC50) and its Morgan fingerprint.</summary>
public sealed record QsarRecord(int Line, string Smiles, double Activity, BitFingerprint Fingerprint, string Scaffold);

/// <summary>A row left out of a data set, and why.</summary>
public sealed record SkippedRow(int Line, string Smiles, string Reason);

/// <summary>
/// Molecules with a measured activity, read from a CSV of SMILES + pIC50. Rows whose SMILES RDKit rejects are
/// skipped and reported; a missing or non-numeric activity is an error (a wrong label would train a wrong
/// model silently).
/// </summary>
public sealed class QsarDataSet
{
    public QsarDataSet(string source, IReadOnlyList<QsarRecord> records, IReadOnlyList<SkippedRow> skipped)
    {
        Source = source;
        Records = records;
        Skipped = skipped;
    }

    public string Source { get; }

    public IReadOnlyList<QsarRecord> Records { get; }

    public IReadOnlyList<SkippedRow> Skipped { get; }

    public static QsarDataSet Load(string path, string smilesColumn = "smiles", string? activityColumn = null)
    {
        if (!File.Exists(path)) throw new QsarDataException(path, "file not found");
        var delimiter = DelimitedText.DelimiterFor(path);
        int si = -1, ai = -1, width = 0;
        var activityName = "";
        var records = new List<QsarRecord>();
        var skipped = new List<SkippedRow>();
        var header = true;
        foreach (var (line, text) in DelimitedText.Lines(path))
        {
            var f = DelimitedText.Split(text, delimiter) ?? throw new QsarDataException(path, $"line {line}: unterminated quote");
            if (header)
            {
                header = false;
                width = f.Count;
                si = f.FindIndex(h => h.Trim().Equals(smilesColumn, StringComparison.OrdinalIgnoreCase));
                ai = activityColumn is null
                    ? f.FindIndex(h => h.Trim().Contains("pic50", StringComparison.OrdinalIgnoreCase) || h.Trim().Equals("activity", StringComparison.OrdinalIgnoreCase))
                    : f.FindIndex(h => h.Trim().Equals(activityColumn, StringComparison.OrdinalIgnoreCase));
                if (ai >= 0) activityName = f[ai].Trim();
                if (si < 0) throw new QsarDataException(path, $"line {line}: no column '{smilesColumn}' in the header");
                if (ai < 0) throw new QsarDataException(path, $"line {line}: no activity column '{activityColumn ?? "*pIC50* or activity"}' in the header");
                continue;
            }
            if (f.Count != width) throw new QsarDataException(path, $"line {line}: ragged row: {f.Count} fields where the header has {width}");
            var smiles = f[si].Trim();
            var cell = f[ai].Trim();
            if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var y) || !double.IsFinite(y))
                throw new QsarDataException(path, $"line {line}, column '{activityName}': activity '{cell}' is not a number");
            if (!MoleculeParser.TryParseSmiles(smiles, out var mol, out var error))
            {
                skipped.Add(new SkippedRow(line, smiles, error ?? "invalid SMILES"));
                continue;
            }
            using (mol)
            {
                records.Add(new QsarRecord(line, MoleculeWriter.CanonicalSmiles(mol!), y, Fingerprints.MorganBits(mol!, MorganFeaturizer.Radius, MorganFeaturizer.Bits), Fragmentation.MurckoScaffold(mol!)));
            }
        }
        if (header) throw new QsarDataException(path, "the file is empty");
        if (records.Count < 2) throw new QsarDataException(path, $"only {records.Count} usable molecule(s)");
        return new QsarDataSet(path, records, skipped);
    }
}
