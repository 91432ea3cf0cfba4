using MolGrid.Pipelines.Design;
using MolGrid.Pipelines.Docking;
using MolGrid.Pipelines.Qsar;
using MolGrid.Pipelines.Scoring;

namespace MolGrid.Pipelines.Targets;

/// <summary>Where the "target" component type finds the catalogue, and Vina defaults for docking components.</summary>
public sealed record TargetScorerOptions
{
    /// <summary>Catalogue used when a "target" component names none. Default: the shipped
    /// $MOLGRID_HOME/samples/targets/catalogue.yaml when MOLGRID_HOME is set (./molgrid sets it).</summary>
    public string? CataloguePath { get; init; } = ShippedCatalogue();

    private static string? ShippedCatalogue() =>
        Environment.GetEnvironmentVariable("MOLGRID_HOME") is { Length: > 0 } home
            ? Path.Combine(home, "samples", "targets", "catalogue.yaml")
            : null;

    public VinaOptions Vina { get; init; } = new();
}

/// <summary>
/// Registers the affinity scorers with the design engine's <see cref="ComponentRegistry"/>:
/// <list type="bullet">
/// <item>"qsar": params <c>model</c> (gp, mlp, gbm or dmpnn) and either <c>file</c> (a saved model of that kind)
/// or <c>data</c> (CSV; trained on first use) with <c>smiles_column</c>, <c>activity_column</c>, <c>seed</c>,
/// <c>max_train</c> (GP); <c>device</c> (auto, cpu, cuda) and <c>capability</c> (which silos run it: gpu by
/// default for dmpnn, cpu for the rest). Raw value: predicted pIC50 (or probability, for a classifier).</item>
/// <item>"qsar_gp", "qsar_mlp": the same with the kind in the type and <c>model</c> naming the saved file.</item>
/// <item>"vina": params <c>receptor</c>, <c>center</c> [x, y, z], <c>size</c> [x, y, z] (default 20 Å),
/// <c>exhaustiveness</c>, <c>cpu</c>, <c>seed</c>, <c>num_modes</c>, <c>timeout_s</c>. Raw value: Vina
/// affinity in kcal/mol (lower is better; use a reverse sigmoid transform).</item>
/// <item>"target": params <c>target</c> (catalogue id or gene), <c>catalogue</c>, <c>method</c> (auto, qsar_gp,
/// qsar_mlp, vina; auto = docking when the target has a receptor, else qsar_gp), plus the docking and QSAR
/// settings above.</item>
/// </list>
/// </summary>
public static class TargetScorerRegistration
{
    public static ComponentRegistry AddTargetScorers(this ComponentRegistry registry, TargetScorerOptions? options = null)
    {
        options ??= new TargetScorerOptions();
        return registry
            .Register("qsar", c => Qsar(c, c.Params, QsarKind(c.Params), null, fileKey: "file"))
            .Register("qsar_gp", c => Qsar(c, c.Params, "gp", null))
            .Register("qsar_mlp", c => Qsar(c, c.Params, "mlp", null))
            .Register("vina", c => Vina(c, c.Params, options.Vina, null))
            .Register("target", c => Target(c, options));
    }

    private static IScoringComponent Qsar(ComponentConfig c, SpecNode p, string kind, QsarSource? fromCatalogue, string fileKey = "model")
    {
        var modelPath = fromCatalogue is null ? p.OptionalString(fileKey) : null;
        var dataPath = fromCatalogue?.DataPath ?? p.OptionalString("data");
        var smilesColumn = p.String("smiles_column", fromCatalogue?.SmilesColumn ?? "smiles");
        var activityColumn = p.OptionalString("activity_column") ?? fromCatalogue?.ActivityColumn;
        var seed = p.Int("seed", 0);
        var maxTrain = p.Int("max_train", 2000, 10, 20000);
        var device = p.Enum("device", "auto", "auto", "cpu", "cuda");
        var capability = p.Enum("capability", kind == "dmpnn" ? Capabilities.Gpu : Capabilities.Cpu, Capabilities.Cpu, Capabilities.Gpu);
        if (modelPath is not null && dataPath is not null) throw new SpecException(p.Path, $"give either '{fileKey}' or 'data', not both");
        if (modelPath is not null)
        {
            if (!File.Exists(modelPath)) throw new SpecException($"{p.Path}.{fileKey}", $"file '{modelPath}' not found");
            IQsarModel model;
            try { model = QsarModelFile.Load(modelPath, device); }
            catch (QsarDataException e) { throw new SpecException($"{p.Path}.{fileKey}", e.Message); }
            if (model.Kind != kind) throw new SpecException($"{p.Path}.{fileKey}", $"is a '{model.Kind}' model, but the component wants '{kind}'");
            return new QsarScoringComponent(model, c.Name, $"{kind}-v{QsarModelFile.Version}-{QsarModelFile.Hash(modelPath)}", capability);
        }
        if (dataPath is null) throw new SpecException(p.Path, $"needs '{fileKey}' (a saved model file) or 'data' (a CSV of SMILES and pIC50)");
        if (!File.Exists(dataPath)) throw new SpecException(p.Path + ".data", $"file '{dataPath}' not found");
        var (trained, version) = QsarModelTraining.FromData(dataPath, smilesColumn, activityColumn, kind, seed, maxTrain, QsarModelTraining.DefaultCacheDirectory);
        return new QsarScoringComponent(trained, c.Name, version, capability);
    }

    private static string QsarKind(SpecNode p) =>
        p.Get("model") is null
            ? throw new SpecException(p.Path + ".model", "is required: gp, mlp, gbm or dmpnn")
            : p.Enum("model", "", "gp", "mlp", "gbm", "dmpnn");

    private static IScoringComponent Vina(ComponentConfig c, SpecNode p, VinaOptions defaults, DockingSource? fromCatalogue)
    {
        var receptor = fromCatalogue?.ReceptorPath ?? p.String("receptor");
        if (!File.Exists(receptor)) throw new SpecException(p.Path + ".receptor", $"file '{receptor}' not found");
        var center = fromCatalogue?.Center ?? Vector(p, "center", null);
        var size = fromCatalogue?.Size ?? Vector(p, "size", [20, 20, 20]);
        var options = defaults with
        {
            Exhaustiveness = p.Int("exhaustiveness", defaults.Exhaustiveness, 1, 64),
            Cpu = p.Int("cpu", defaults.Cpu, 0, 256),
            Seed = p.Int("seed", defaults.Seed),
            NumModes = p.Int("num_modes", defaults.NumModes, 1, 50),
            Timeout = TimeSpan.FromSeconds(p.Double("timeout_s", defaults.Timeout.TotalSeconds, 1, 86400)),
        };
        return new VinaScoringComponent(new VinaDocking(receptor, DockingBox.From(center, size), options), c.Name);
    }

    private static IScoringComponent Target(ComponentConfig c, TargetScorerOptions options)
    {
        var p = c.Params;
        var cataloguePath = p.OptionalString("catalogue") ?? options.CataloguePath
            ?? throw new SpecException(p.Path + ".catalogue", "is required (no default catalogue configured)");
        var catalogue = TargetCatalogue.Load(cataloguePath);
        var id = p.String("target");
        var target = catalogue.Find(id) ?? throw new SpecException(p.Path + ".target", $"'{id}' is not in {cataloguePath} (known: {string.Join(", ", catalogue.Targets.Select(t => t.Id))})");
        var method = p.Enum("method", "auto", "auto", "qsar_gp", "qsar_mlp", "vina");
        if (method == "auto") method = target.Docking is not null ? "vina" : "qsar_gp";
        if (method == "vina")
        {
            if (target.Docking is null) throw new SpecException(p.Path + ".method", $"target {target.Id} has no docking receptor");
            return Vina(c, p, options.Vina, target.Docking);
        }
        if (target.Qsar is null) throw new SpecException(p.Path + ".method", $"target {target.Id} has no QSAR data set");
        return Qsar(c, p, method == "qsar_gp" ? "gp" : "mlp", target.Qsar);
    }

    private static double[] Vector(SpecNode p, string key, double[]? fallback)
    {
        var node = p.Get(key);
        if (node is null)
            return fallback ?? throw new SpecException($"{p.Path}.{key}", "is required: [x, y, z] in Å");
        var items = node.Items();
        if (items.Count != 3) throw new SpecException(node.Path, "must be three numbers [x, y, z]");
        return items.Select(i => i.AsDouble()).ToArray();
    }
}
