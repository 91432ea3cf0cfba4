namespace MolGrid.Pipelines.Design;

/// <summary>
/// A campaign's `targets:` section: design against the catalogue targets that the campaign's expression data
/// points to, instead of (or besides) naming them. With an expression matrix uploaded with the campaign,
/// <see cref="Targets.ExpressionTargetSelection"/> runs limma (case vs control), ranks the catalogue and adds
/// one affinity component per chosen target, plus a penalty per anti-target, to the scoring function.
/// </summary>
public sealed record TargetsSpec
{
    /// <summary>Case (disease) group: a sample-name prefix of the expression matrix (AML matches AML_1...).</summary>
    public required string Case { get; init; }

    /// <summary>Control group, as <see cref="Case"/>.</summary>
    public required string Control { get; init; }

    /// <summary>How many of the best-supported candidate targets to design against.</summary>
    public int Top { get; init; } = 1;

    /// <summary>Scorer per target: auto (docking when the target has a receptor, else QSAR GP), vina, qsar_gp, qsar_mlp.</summary>
    public string Method { get; init; } = "auto";

    /// <summary>Weight of each target's affinity component in the aggregation.</summary>
    public double Weight { get; init; } = 2.0;

    /// <summary>Add the catalogue's anti-targets (e.g. hERG) as penalties.</summary>
    public bool AntiTargets { get; init; } = true;

    /// <summary>Benjamini-Hochberg adjusted p below which a change counts.</summary>
    public double MaxAdjustedP { get; init; } = 0.05;

    /// <summary>Target catalogue (default: the shipped samples/targets/catalogue.yaml).</summary>
    public string? Catalogue { get; init; }

    /// <summary>Extra parameters for each chosen target's component (e.g. exhaustiveness, timeout_s for docking).</summary>
    public required SpecNode Params { get; init; }

    /// <summary>Extra parameters for each anti-target's QSAR component (e.g. max_train, seed).</summary>
    public required SpecNode AntiParams { get; init; }

    /// <summary>Key path of the section, for messages.</summary>
    public string Path { get; init; } = "targets";

    internal static TargetsSpec Parse(SpecNode n)
    {
        if (!n.IsMap) throw new SpecException(n.Path, "must be a mapping (case, control, top, method, ...)");
        var caseGroup = n.String("case").Trim();
        var control = n.String("control").Trim();
        if (caseGroup.Length == 0) throw new SpecException(n.Path + ".case", "must not be empty");
        if (control.Length == 0) throw new SpecException(n.Path + ".control", "must not be empty");
        if (string.Equals(caseGroup, control, StringComparison.OrdinalIgnoreCase))
            throw new SpecException(n.Path + ".control", $"is the same group as case ('{caseGroup}')");
        var spec = new TargetsSpec
        {
            Case = caseGroup,
            Control = control,
            Top = n.Int("top", 1, 1, 20),
            Method = n.Enum("method", "auto", "auto", "vina", "qsar_gp", "qsar_mlp"),
            Weight = n.Double("weight", 2.0, 0, 1e6),
            AntiTargets = n.Bool("anti_targets", true),
            MaxAdjustedP = n.Double("max_adj_p", 0.05, 0, 1),
            Catalogue = n.OptionalString("catalogue"),
            Params = n.OptionalMap("params"),
            AntiParams = n.OptionalMap("anti_params"),
            Path = n.Path,
        };
        n.RejectUnknownKeys();
        return spec;
    }
}
