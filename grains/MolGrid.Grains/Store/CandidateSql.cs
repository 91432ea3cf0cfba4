using Dapper;

namespace MolGrid.Grains.Store;

/// <summary>The numeric part of a candidate query: value windows and the sort, done by the database.</summary>
internal sealed record CandidateFilter(IReadOnlyDictionary<string, ValueRange>? Ranges, string SortBy, bool Descending);

/// <summary>
/// SQL for candidate queries, so ranking, value windows, sorting and paging run in the database instead of loading
/// every candidate of a campaign and its JSON on each query. The semantics are those the service had in memory:
/// <list type="bullet">
/// <item>rank over the whole campaign: unfailed first, best score first, ties by SMILES in code-point order;</item>
/// <item>a value name is score, rank, round, else a component (transformed, or "name.raw"), else a descriptor:
/// the component shadows a descriptor of the same name; a molecule without the value fails every window on it;</item>
/// <item>a sort puts molecules without the value last either way, ties in rank order.</item>
/// </list>
/// Component and descriptor values are read from their JSON columns (shortest round-trip text, which both
/// databases parse back to the same double; checked by <c>CandidateQueryTests</c>), so a spec's own component
/// names need no schema.
/// </summary>
internal static class CandidateSql
{
    /// <summary>The campaign's candidates with their rank, as the CTE "ranked" (campaign bound as @id).</summary>
    public static string Ranked(SqlDialect d) => $"""
        WITH ranked AS (
            SELECT molecule_key, smiles, score, round, components_json, descriptors_json, error,
                ROW_NUMBER() OVER (ORDER BY CASE WHEN error IS NULL THEN 0 ELSE 1 END, score DESC, smiles {d.OrdinalCollation}) AS rank
            FROM candidates WHERE campaign_id = @id)
        """;

    /// <summary>The WHERE and ORDER BY clauses of <paramref name="filter"/> over "ranked", binding into <paramref name="p"/>.</summary>
    public static (string Where, string OrderBy) Clauses(SqlDialect d, CandidateFilter filter, DynamicParameters p)
    {
        var n = 0;
        string Value(string name)
        {
            switch (name)
            {
                case "score": return "score";
                case "rank": return "rank";
                case "round": return "round";
            }
            if (d.JsonKey(name) is not { } key) return "NULL";
            var k = $"k{n++}";
            p.Add(k, key);
            return $"COALESCE({d.JsonNumber("components_json", k)}, {d.JsonNumber("descriptors_json", k)})";
        }

        var where = new List<string>();
        foreach (var (name, range) in filter.Ranges ?? new Dictionary<string, ValueRange>())
        {
            var v = Value(name);
            where.Add($"{v} IS NOT NULL");
            if (range.Min is { } lo) { var b = $"lo{n++}"; p.Add(b, lo); where.Add($"{v} >= @{b}"); }
            if (range.Max is { } hi) { var b = $"hi{n++}"; p.Add(b, hi); where.Add($"{v} <= @{b}"); }
        }
        var dir = filter.Descending ? "DESC" : "ASC";
        string order;
        if (filter.SortBy == "smiles") order = $"smiles {d.OrdinalCollation} {dir}, rank";
        else
        {
            var v = Value(string.IsNullOrWhiteSpace(filter.SortBy) ? "score" : filter.SortBy);
            order = $"CASE WHEN {v} IS NULL THEN 1 ELSE 0 END, COALESCE({v}, 0) {dir}, rank";
        }
        return (where.Count == 0 ? "" : "WHERE " + string.Join(" AND ", where), "ORDER BY " + order);
    }
}
