using MolGrid.Pipelines.Design;
using MolGrid.Pipelines.Expression;
using MolGrid.Pipelines.Scoring;

namespace MolGrid.Pipelines.Targets;

/// <summary>What <see cref="ExpressionTargetSelection"/> chose, and the spec it produced.</summary>
public sealed record TargetSelection(DesignSpec Spec, IReadOnlyList<RankedTarget> Targets, IReadOnlyList<RankedTarget> AntiTargets, DifferentialExpressionResult? Expression);

/// <summary>
/// Turns a spec's `targets:` section and the campaign's expression matrix into scoring components: limma
/// (case vs control) ranks the catalogue (<see cref="TargetRanking"/>), the best-supported candidate targets
/// each get a "target" affinity component and every anti-target a penalty. The result is a pure function of
/// the spec, the matrix and the catalogue, so a campaign grain that reloads a campaign rebuilds the same
/// scoring function.
/// </summary>
public static class ExpressionTargetSelection
{
    /// <summary>Default transforms: Vina affinities (kcal/mol, lower is better) and predicted pIC50s.</summary>
    private static TransformConfig DockingTransform => TransformConfig.Create("reverse_sigmoid", new Dictionary<string, object> { ["low"] = -10.0, ["high"] = -5.0, ["k"] = 0.5 });
    private static TransformConfig PotencyTransform => TransformConfig.Create("sigmoid", new Dictionary<string, object> { ["low"] = 5.0, ["high"] = 8.0, ["k"] = 0.5 });
    private static TransformConfig AntiTargetTransform => TransformConfig.Create("reverse_sigmoid", new Dictionary<string, object> { ["low"] = 4.5, ["high"] = 6.5, ["k"] = 0.5 });

    /// <summary>The spec unchanged when it has no `targets:` section; else the spec with the chosen targets'
    /// components added. Throws <see cref="SpecException"/> when the section cannot be satisfied.</summary>
    public static TargetSelection Apply(DesignSpec spec, ExpressionMatrix? expression)
    {
        if (spec.Targets is not { } t)
            return new TargetSelection(spec, [], [], null);
        if (expression is null)
            throw new SpecException(t.Path, "chooses targets from expression data, but the campaign has no expression file (upload one with the spec: --expression FILE)");

        var cataloguePath = t.Catalogue ?? new TargetScorerOptions().CataloguePath
            ?? throw new SpecException(t.Path + ".catalogue", "is required (no default catalogue: MOLGRID_HOME is not set)");
        var catalogue = TargetCatalogue.Load(cataloguePath);
        SampleGroups groups;
        try
        {
            groups = SampleGroups.FromPrefixes(expression, t.Case, t.Control);
        }
        catch (InvalidInputException e)
        {
            throw new SpecException(t.Path + ".case", $"does not select samples of the expression file: {e.Reason}", e);
        }
        var de = DifferentialExpression.Run(expression, groups);
        var ranked = TargetRanking.Rank(catalogue, de, new TargetRankingOptions { MaxAdjustedP = t.MaxAdjustedP });

        var chosen = ranked.Where(r => r.Evidence == TargetEvidence.Candidate && Scorable(r.Target, t.Method)).Take(t.Top).ToList();
        if (chosen.Count == 0)
            throw new SpecException(t.Path, $"no catalogue target is up in {t.Case} vs {t.Control} (adjusted p < {t.MaxAdjustedP}) with a scorer for method '{t.Method}': " +
                string.Join("; ", ranked.Select(r => $"{r.Target.Id}: {r.Reason}")));
        var anti = t.AntiTargets ? ranked.Where(r => r.Evidence == TargetEvidence.AntiTarget && r.Target.Qsar is not null).ToList() : [];

        var added = chosen.Select(r => Component(t.Params, cataloguePath, r.Target, $"target_{r.Target.Id}", t.Weight, t.Method, AffinityTransform(r.Target, t.Method)))
            .Concat(anti.Select(r => Component(t.AntiParams, cataloguePath, r.Target, $"anti_{r.Target.Id}", 1.0, "qsar_gp", AntiTargetTransform)))
            .ToList();
        foreach (var c in added)
            if (spec.Scoring.Components.Any(existing => existing.Name == c.Name))
                throw new SpecException(t.Path, $"would add component '{c.Name}', but scoring.components already has one of that name");

        var scoring = spec.Scoring with { Components = [.. spec.Scoring.Components, .. added] };
        return new TargetSelection(spec with { Scoring = scoring }, chosen, anti, de);
    }

    /// <summary>Reads an expression file uploaded with a campaign. The bytes are written under a fresh
    /// temporary directory with a sanitised name (only its extension picks the format) and removed after.</summary>
    public static ExpressionMatrix ReadUploaded(string? fileName, byte[] data)
    {
        var ext = Path.GetExtension(fileName ?? "").ToLowerInvariant();
        if (ext is not (".csv" or ".tsv" or ".txt" or ".tab" or ".gct")) ext = ".csv";
        var dir = Directory.CreateTempSubdirectory("molgrid-expression-");
        try
        {
            var path = Path.Combine(dir.FullName, "expression" + ext);
            File.WriteAllBytes(path, data);
            return ExpressionMatrixReader.Read(path);
        }
        catch (InvalidInputException e)
        {
            // Name the upload, not the temporary file it was read from.
            throw new ExpressionDataException("expression", $"{fileName ?? "upload"}: {e.Reason.Replace(dir.FullName, "")}");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static bool Scorable(CatalogueTarget target, string method) => method switch
    {
        "vina" => target.Docking is not null,
        "qsar_gp" or "qsar_mlp" => target.Qsar is not null,
        _ => target.Docking is not null || target.Qsar is not null,
    };

    private static TransformConfig AffinityTransform(CatalogueTarget target, string method) =>
        method == "vina" || (method == "auto" && target.Docking is not null) ? DockingTransform : PotencyTransform;

    private static ComponentConfig Component(SpecNode extra, string cataloguePath, CatalogueTarget target, string name, double weight, string method, TransformConfig transform)
    {
        var map = new Dictionary<object, object>();
        if (extra.Value is IDictionary<object, object> given)
            foreach (var (k, v) in given) map[k] = v;
        map["target"] = target.Id;
        map["method"] = method;
        map["catalogue"] = cataloguePath;
        // Messages about these parameters point at the block the user wrote.
        return new ComponentConfig("target", name, weight, new SpecNode(extra.Path, map), transform, extra.Path);
    }
}
