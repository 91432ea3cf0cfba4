using System.Globalization;
using System.Text.RegularExpressions;
using MolGrid.Grains;
using MolGrid.Molecules;
using MolGrid.Server.Errors;

namespace MolGrid.Server.Candidates;

/// <summary>
/// Turns query-string values into a <see cref="CandidateQuery"/>, refusing anything odd with the parameter's
/// name: page and pageSize must be positive integers, sort a plain column name, filters "name&gt;=x",
/// "name&lt;=x" or "name=lo..hi", the substructure a SMARTS RDKit accepts, similarTo a SMILES, minSimilarity
/// in [0, 1]. Everything is checked before the grid is asked, so a bad query never reaches storage.
/// </summary>
public static partial class CandidateQueryParser
{
    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_.\-]{0,63}$")]
    private static partial Regex ColumnName();

    [GeneratedRegex(@"^\s*([A-Za-z][A-Za-z0-9_.\-]{0,63})\s*(>=|<=|=)\s*(.+?)\s*$")]
    private static partial Regex FilterExpression();

    public static CandidateQuery Parse(
        string? page, string? pageSize, string? sort, string? order, IEnumerable<string>? filters,
        string? substructure, string? similarTo, string? minSimilarity, int maxPageSize)
    {
        var p = PositiveInt(page, "page", 1, int.MaxValue / 2);
        var size = PositiveInt(pageSize, "pageSize", 50, maxPageSize);
        var sortBy = string.IsNullOrEmpty(sort) ? "score" : sort;
        if (!ColumnName().IsMatch(sortBy)) throw new InvalidRequestException("sort", "must be a column name such as score, rank, round, qed or mw");
        bool descending = order?.ToLowerInvariant() switch
        {
            null or "" => sortBy is not ("rank" or "round"),
            "desc" => true,
            "asc" => false,
            _ => throw new InvalidRequestException("order", "must be asc or desc"),
        };

        Dictionary<string, ValueRange>? ranges = null;
        foreach (var f in filters ?? [])
        {
            if (string.IsNullOrWhiteSpace(f)) continue;
            var (name, range) = ParseFilter(f);
            ranges ??= new Dictionary<string, ValueRange>(StringComparer.Ordinal);
            var merged = ranges.TryGetValue(name, out var old)
                ? new ValueRange(Max(old.Min, range.Min), Min(old.Max, range.Max))
                : range;
            ranges[name] = merged;
        }

        string? smarts = null;
        if (!string.IsNullOrWhiteSpace(substructure))
        {
            smarts = substructure.Trim();
            try { using var _ = MoleculeParser.ParseSmarts(smarts); }
            catch (InvalidMoleculeException e) { throw new InvalidRequestException("substructure", e.Reason, e); }
        }

        string? similar = null;
        if (!string.IsNullOrWhiteSpace(similarTo))
        {
            similar = similarTo.Trim();
            try { using var _ = MoleculeParser.ParseSmiles(similar); }
            catch (InvalidMoleculeException e) { throw new InvalidRequestException("similarTo", e.Reason, e); }
        }

        var threshold = 0.0;
        if (!string.IsNullOrWhiteSpace(minSimilarity))
        {
            if (!double.TryParse(minSimilarity, NumberStyles.Float, CultureInfo.InvariantCulture, out threshold) || !(threshold is >= 0 and <= 1))
                throw new InvalidRequestException("minSimilarity", "must be a number from 0 to 1");
            if (similar is null) throw new InvalidRequestException("minSimilarity", "needs similarTo (a SMILES to compare with)");
        }

        return new CandidateQuery(p, size, sortBy, descending, ranges, smarts, similar, threshold);
    }

    /// <summary>"mw&lt;=500", "qed&gt;=0.6" or "logp=1..3" (either end of a range may be left out: "logp=..3").</summary>
    public static (string Name, ValueRange Range) ParseFilter(string text)
    {
        var m = FilterExpression().Match(text);
        if (!m.Success) throw new InvalidRequestException("filter", $"'{text}' is not NAME>=X, NAME<=X or NAME=LO..HI");
        var name = m.Groups[1].Value;
        var value = m.Groups[3].Value;
        switch (m.Groups[2].Value)
        {
            case ">=": return (name, new ValueRange(Number(value, text), null));
            case "<=": return (name, new ValueRange(null, Number(value, text)));
            default:
                var parts = value.Split("..");
                if (parts.Length != 2) throw new InvalidRequestException("filter", $"'{text}': a range is LO..HI");
                double? lo = parts[0].Trim().Length == 0 ? null : Number(parts[0], text);
                double? hi = parts[1].Trim().Length == 0 ? null : Number(parts[1], text);
                if (lo is null && hi is null) throw new InvalidRequestException("filter", $"'{text}': a range needs at least one end");
                if (lo > hi) throw new InvalidRequestException("filter", $"'{text}': the low end is above the high end");
                return (name, new ValueRange(lo, hi));
        }
    }

    private static double Number(string s, string filter)
    {
        if (double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)) return v;
        throw new InvalidRequestException("filter", $"'{filter}': '{s.Trim()}' is not a number");
    }

    /// <summary>A query-string count such as page or pageSize: absent gives <paramref name="fallback"/>; anything
    /// but a whole number from 1 to <paramref name="max"/> is a 400 naming <paramref name="field"/>.</summary>
    public static int PositiveInt(string? s, string field, int fallback, int max)
    {
        if (string.IsNullOrEmpty(s)) return fallback;
        if (!int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v) || v < 1)
            throw new InvalidRequestException(field, "must be a whole number of at least 1");
        if (v > max) throw new InvalidRequestException(field, $"must be at most {max}");
        return v;
    }

    private static double? Max(double? a, double? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);
    private static double? Min(double? a, double? b) => a is null ? b : b is null ? a : Math.Min(a.Value, b.Value);
}
