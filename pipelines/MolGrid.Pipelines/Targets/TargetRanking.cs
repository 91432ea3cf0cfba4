using System.Globalization;
using MolGrid.Pipelines.Expression;

namespace MolGrid.Pipelines.Targets;

/// <summary>What the expression data says about a catalogue target.</summary>
public enum TargetEvidence
{
    /// <summary>Significantly up in the case samples: inhibiting it counters the disease change.</summary>
    Candidate,
    /// <summary>An anti-target: scored as a penalty whatever its expression.</summary>
    AntiTarget,
    /// <summary>Significantly down in the case samples: an inhibitor would deepen the change.</summary>
    Down,
    /// <summary>Measured, but not significantly changed.</summary>
    NotChanged,
    /// <summary>The gene has no probe on the array (or no symbol could be read for its probes).</summary>
    NotMeasured,
    /// <summary>The catalogue entry names no gene (e.g. an assay whose target is not known).</summary>
    NoGene,
}

public sealed record RankedTarget(
    int Rank,
    CatalogueTarget Target,
    TargetEvidence Evidence,
    GeneDifferentialExpression? BestProbe,
    int ProbeCount,
    string Reason)
{
    public string Scoring => string.Join("+", new[] { Target.Qsar is null ? null : "qsar", Target.Docking is null ? null : "docking" }.Where(s => s is not null));
}

public sealed record TargetRankingOptions
{
    /// <summary>Benjamini-Hochberg adjusted p-value below which a change counts.</summary>
    public double MaxAdjustedP { get; init; } = 0.05;

    /// <summary>Smallest |logFC| that counts (on the input's scale).</summary>
    public double MinAbsLogFC { get; init; }
}

/// <summary>
/// Ranks catalogue targets by expression evidence. Each gene is represented by its best probe (smallest
/// adjusted p, then largest |t|, then probe id). Up-regulated genes are inhibition targets (candidates),
/// ranked by |moderated t|; then anti-targets, then the rest. Deterministic: ties broken by target id.
/// </summary>
public static class TargetRanking
{
    public static IReadOnlyList<RankedTarget> Rank(TargetCatalogue catalogue, DifferentialExpressionResult de, TargetRankingOptions? options = null)
    {
        options ??= new TargetRankingOptions();
        var bySymbol = de.Genes.Where(g => g.Symbol is not null)
            .GroupBy(g => g.Symbol!, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.OrderBy(x => x.AdjP).ThenByDescending(x => Math.Abs(x.T)).ThenBy(x => x.Probe, StringComparer.Ordinal).ToList(), StringComparer.OrdinalIgnoreCase);
        var caseName = de.Groups.CaseName;
        var rows = new List<(CatalogueTarget T, TargetEvidence E, GeneDifferentialExpression? P, int N, string Why)>();
        foreach (var t in catalogue.Targets)
        {
            if (t.Gene is null)
            {
                rows.Add((t, t.Role == TargetRole.AntiTarget ? TargetEvidence.AntiTarget : TargetEvidence.NoGene, null, 0,
                    "no gene symbol in the catalogue: no expression evidence"));
                continue;
            }
            if (!bySymbol.TryGetValue(t.Gene, out var probes))
            {
                rows.Add((t, t.Role == TargetRole.AntiTarget ? TargetEvidence.AntiTarget : TargetEvidence.NotMeasured, null, 0,
                    t.Role == TargetRole.AntiTarget ? $"anti-target (penalty); {t.Gene} not on the array" : $"{t.Gene} not on the array"));
                continue;
            }
            var best = probes[0];
            var significant = best.AdjP < options.MaxAdjustedP && Math.Abs(best.LogFC) >= options.MinAbsLogFC;
            var stats = string.Create(CultureInfo.InvariantCulture, $"{best.Probe}: logFC {best.LogFC:+0.00;-0.00}, t {best.T:+0.00;-0.00}, adj p {best.AdjP:0.0e+0}");
            var direction = best.LogFC > 0 ? "up" : "down";
            if (t.Role == TargetRole.AntiTarget)
                rows.Add((t, TargetEvidence.AntiTarget, best, probes.Count, $"anti-target (penalty); {direction} in {caseName} ({stats})"));
            else if (significant && best.LogFC > 0)
                rows.Add((t, TargetEvidence.Candidate, best, probes.Count, $"up in {caseName} ({stats}): inhibition target"));
            else if (significant)
                rows.Add((t, TargetEvidence.Down, best, probes.Count, $"down in {caseName} ({stats}): an inhibitor would deepen the change"));
            else
                rows.Add((t, TargetEvidence.NotChanged, best, probes.Count, $"not significant at adj p < {options.MaxAdjustedP.ToString(CultureInfo.InvariantCulture)} ({stats})"));
        }
        return rows
            .OrderBy(r => r.E)
            .ThenByDescending(r => r.P is null ? -1 : Math.Abs(r.P.T))
            .ThenBy(r => r.T.Id, StringComparer.Ordinal)
            .Select((r, i) => new RankedTarget(i + 1, r.T, r.E, r.P, r.N, r.Why))
            .ToList();
    }
}
