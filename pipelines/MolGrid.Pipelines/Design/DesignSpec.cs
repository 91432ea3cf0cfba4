using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace MolGrid.Pipelines.Design;

/// <summary>
/// A design campaign described by a YAML (or JSON) file: what to generate, how to score it, how much oracle
/// budget to spend. The reference of every key is in docs/design.md. Parsing rejects unknown keys and bad
/// values with a <see cref="SpecException"/> naming the key path; component types, transforms and
/// aggregations are checked against a registry by <see cref="Scoring.ScoringFunction.Create"/>.
/// </summary>
public sealed record DesignSpec
{
    public required string Name { get; init; }
    public required long Seed { get; init; }
    /// <summary>Oracle calls: how many distinct molecules may be scored in all.</summary>
    public required int Budget { get; init; }
    public required GeneratorSpec Generator { get; init; }
    public required ScoringSpec Scoring { get; init; }
    public required DiversitySpec Diversity { get; init; }
    public required OutputSpec Output { get; init; }
    /// <summary>Targets chosen from the campaign's expression data, or null when the spec names its own.</summary>
    public TargetsSpec? Targets { get; init; }
    /// <summary>The file or label the spec came from (for messages and relative paths).</summary>
    public string SourceName { get; init; } = "";

    public static DesignSpec Parse(string yamlOrJsonText, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(yamlOrJsonText);
        SpecLimits.Check(yamlOrJsonText, sourceName);
        object? tree;
        try
        {
            tree = new DeserializerBuilder().Build().Deserialize<object?>(yamlOrJsonText);
        }
        catch (YamlException e)
        {
            throw new SpecException(sourceName, $"not valid YAML/JSON (line {e.Start.Line}, column {e.Start.Column}): {e.InnerException?.Message ?? e.Message}", e);
        }
        if (tree is null) throw new SpecException(sourceName, "the spec is empty");
        var root = new SpecNode("", tree);
        if (!root.IsMap) throw new SpecException(sourceName, "the spec must be a mapping of keys (name, seed, budget, generator, scoring, ...)");
        // Unknown top-level keys before anything else: a typo, or a spec meant for an engine this host does not
        // serve (`engine: synthetic` is the test harness's), is named as such rather than as a missing section.
        root.RejectUnknownKeys(RootKeys);

        var spec = new DesignSpec
        {
            Name = ParseName(root),
            Seed = root.Long("seed", 0),
            Budget = root.Int("budget", 1000, 1, 10_000_000),
            Generator = GeneratorSpec.Parse(root.Require("generator")),
            Scoring = ScoringSpec.Parse(root.Require("scoring")),
            Diversity = DiversitySpec.Parse(root.Get("diversity") ?? SpecNode.Empty("diversity")),
            Output = OutputSpec.Parse(root.Get("output") ?? SpecNode.Empty("output")),
            Targets = root.Get("targets") is { IsNull: false } targets ? TargetsSpec.Parse(targets) : null,
            SourceName = sourceName,
        };
        root.RejectUnknownKeys();
        return spec;
    }

    private static readonly string[] RootKeys = ["name", "seed", "budget", "generator", "scoring", "diversity", "output", "targets"];

    private static string ParseName(SpecNode root)
    {
        var node = root.Require("name");
        var name = node.AsString().Trim();
        if (name.Length == 0) throw new SpecException(node.Path, "must not be empty");
        if (name.Length > 200) throw new SpecException(node.Path, "longer than 200 characters");
        return name;
    }
}

/// <summary>Which generator proposes molecules and its settings.</summary>
public sealed record GeneratorSpec
{
    public const string GraphGa = "graph_ga";
    public const string Brics = "brics";
    public const string Reinvent = "reinvent";
    public static IReadOnlyList<string> Types { get; } = [GraphGa, Brics, Reinvent];

    public required string Type { get; init; }
    /// <summary>Molecules kept as parents between rounds.</summary>
    public int PopulationSize { get; init; } = 120;
    /// <summary>New molecules proposed per round.</summary>
    public int OffspringSize { get; init; } = 70;
    /// <summary>Probability that a child is mutated after crossover (Graph GA).</summary>
    public double MutationRate { get; init; } = 0.067;
    /// <summary>SMILES file (one per line, or CSV whose first column is SMILES) of the start population.</summary>
    public string? StartFile { get; init; }
    /// <summary>Start molecules given inline.</summary>
    public IReadOnlyList<string> StartSmiles { get; init; } = [];
    /// <summary>How many start molecules to draw (seeded) from the file/inline list; 0 = population_size.</summary>
    public int StartSize { get; init; }
    /// <summary>BRICS: most fragments combined into one molecule.</summary>
    public int MaxFragments { get; init; } = 4;
    /// <summary>The reinvent generator's settings (type reinvent only).</summary>
    public Generators.Reinvent.ReinventSpec? ReinventSettings { get; init; }

    internal static GeneratorSpec Parse(SpecNode n)
    {
        var type = n.Enum("type", GraphGa, [.. Types]);
        var g = new GeneratorSpec
        {
            Type = type,
            PopulationSize = n.Int("population_size", 120, 2, 100_000),
            OffspringSize = n.Int("offspring_size", 70, 1, 100_000),
            MutationRate = n.Double("mutation_rate", 0.067, 0, 1),
            StartFile = n.OptionalString("start_file"),
            StartSmiles = n.StringList("start_smiles"),
            StartSize = n.Int("start_size", 0, 0, 1_000_000),
            MaxFragments = n.Int("max_fragments", 4, 2, 10),
        };
        if (type == Reinvent)
        {
            // An RL generator samples from its prior: it has no start population.
            g = g with { ReinventSettings = Generators.Reinvent.ReinventSpec.Parse(n) };
            n.RejectUnknownKeys();
            return g;
        }
        if (g.StartFile is null && g.StartSmiles.Count == 0)
            throw new SpecException(n.Path, "needs a start population: start_file (SMILES file) or start_smiles (list)");
        n.RejectUnknownKeys();
        return g;
    }
}

/// <summary>The scoring function: components, each with a weight and an optional transform, and how the
/// transformed values are aggregated.</summary>
public sealed record ScoringSpec
{
    public const string Arithmetic = "arithmetic";
    public const string Geometric = "geometric";

    public required string Aggregation { get; init; }
    public required IReadOnlyList<Scoring.ComponentConfig> Components { get; init; }

    internal static ScoringSpec Parse(SpecNode n)
    {
        var aggregation = n.String("aggregation", Arithmetic);
        var aggNode = n.Get("aggregation");
        if (aggregation.Length == 0) throw new SpecException(aggNode?.Path ?? "scoring.aggregation", "must not be empty");
        var list = n.Require("components");
        var items = list.Items();
        if (items.Count == 0) throw new SpecException(list.Path, "needs at least one component");
        var components = items.Select(Scoring.ComponentConfig.Parse).ToArray();
        var dup = components.GroupBy(c => c.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null)
            throw new SpecException(dup.Last().Path + ".name", $"component name '{dup.Key}' is used twice; names must be unique");
        n.RejectUnknownKeys();
        return new ScoringSpec { Aggregation = aggregation, Components = components };
    }
}

/// <summary>
/// Diversity filter (REINVENT-style): molecules scoring at least <see cref="MinScore"/> are bucketed by
/// Murcko scaffold; once a bucket holds <see cref="BucketSize"/> molecules, later members score
/// <see cref="Penalty"/> times their value for selection. When choosing the population, a molecule whose
/// Tanimoto (Morgan r2, 2048 bits) to an already selected one is at least <see cref="SimilarityThreshold"/>
/// is multiplied by <see cref="SimilarityPenalty"/>.
/// </summary>
public sealed record DiversitySpec
{
    public bool Enabled { get; init; }
    public int BucketSize { get; init; } = 25;
    public double MinScore { get; init; } = 0.4;
    public double Penalty { get; init; }
    public double SimilarityThreshold { get; init; } = 1.0;
    public double SimilarityPenalty { get; init; } = 1.0;

    internal static DiversitySpec Parse(SpecNode n)
    {
        var type = n.Enum("type", "none", "none", "scaffold");
        var d = new DiversitySpec
        {
            Enabled = type == "scaffold",
            BucketSize = n.Int("bucket_size", 25, 1, 1_000_000),
            MinScore = n.Double("min_score", 0.4, 0, 1),
            Penalty = n.Double("penalty", 0, 0, 1),
            SimilarityThreshold = n.Double("similarity_threshold", 1.0, 0, 1),
            SimilarityPenalty = n.Double("similarity_penalty", 1.0, 0, 1),
        };
        n.RejectUnknownKeys();
        return d;
    }
}

/// <summary>What a run writes: how many ranked candidates, and whether the SDF has 2D or 3D coordinates.</summary>
public sealed record OutputSpec
{
    public int TopN { get; init; } = 100;
    public string SdfCoordinates { get; init; } = "2d";
    public bool WriteSdf { get; init; } = true;

    internal static OutputSpec Parse(SpecNode n)
    {
        var o = new OutputSpec
        {
            TopN = n.Int("top_n", 100, 1, 1_000_000),
            SdfCoordinates = n.Enum("sdf", "2d", "2d", "3d", "none"),
        };
        n.RejectUnknownKeys();
        return o with { WriteSdf = o.SdfCoordinates != "none" };
    }
}
