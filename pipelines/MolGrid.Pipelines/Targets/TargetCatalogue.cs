using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace MolGrid.Pipelines.Targets;

/// <summary>Whether a good score against the target is wanted (target) or a liability (anti-target, e.g. hERG).</summary>
public enum TargetRole
{
    Target,
    AntiTarget,
}

/// <summary>A QSAR data set: SMILES and activity (pIC50) columns of a CSV file.</summary>
public sealed record QsarSource(string DataPath, string SmilesColumn, string ActivityColumn);

/// <summary>A docking receptor (PDBQT) and its search box in Å.</summary>
public sealed record DockingSource(string ReceptorPath, double[] Center, double[] Size, string? ReferenceLigandPath);

/// <summary>One catalogue entry: how affinity to a gene product is scored.</summary>
public sealed record CatalogueTarget(
    string Id,
    string? Gene,
    string Name,
    TargetRole Role,
    QsarSource? Qsar,
    DockingSource? Docking,
    string? Notes);

/// <summary>
/// The target catalogue (YAML, version 1): gene symbols mapped to how affinity is scored: a QSAR data set,
/// a docking receptor with its box, or both. Paths are relative to the catalogue file. See docs/targets.md.
/// </summary>
public sealed class TargetCatalogue
{
    public const int SchemaVersion = 1;

    private TargetCatalogue(string path, IReadOnlyList<CatalogueTarget> targets)
    {
        Path = path;
        Targets = targets;
    }

    public string Path { get; }

    public IReadOnlyList<CatalogueTarget> Targets { get; }

    public CatalogueTarget? Find(string idOrGene) =>
        Targets.FirstOrDefault(t => string.Equals(t.Id, idOrGene, StringComparison.OrdinalIgnoreCase))
        ?? Targets.FirstOrDefault(t => string.Equals(t.Gene, idOrGene, StringComparison.OrdinalIgnoreCase));

    public CatalogueTarget Get(string idOrGene) =>
        Find(idOrGene) ?? throw new CatalogueException(Path, $"no target '{idOrGene}' (known: {string.Join(", ", Targets.Select(t => t.Id))})");

    public static TargetCatalogue Load(string path)
    {
        if (!File.Exists(path)) throw new CatalogueException(path, "file not found");
        CatalogueFile file;
        try
        {
            var deserializer = new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build();
            file = deserializer.Deserialize<CatalogueFile>(File.ReadAllText(path)) ?? throw new CatalogueException(path, "empty catalogue");
        }
        catch (YamlException e)
        {
            throw new CatalogueException(path, $"line {e.Start.Line}, column {e.Start.Column}: {e.InnerException?.Message ?? e.Message}");
        }
        if (file.Version != SchemaVersion) throw new CatalogueException(path, $"version must be {SchemaVersion}, got {file.Version}");
        if (file.Targets is not { Count: > 0 }) throw new CatalogueException(path, "no targets");
        var dir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
        var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var targets = new List<CatalogueTarget>();
        for (var i = 0; i < file.Targets.Count; i++)
        {
            var t = file.Targets[i];
            var where = $"targets[{i}]" + (string.IsNullOrWhiteSpace(t.Id) ? "" : $" ({t.Id})");
            if (string.IsNullOrWhiteSpace(t.Id)) throw new CatalogueException(path, $"{where}: 'id' is required");
            if (!ids.Add(t.Id)) throw new CatalogueException(path, $"{where}: duplicate id");
            var role = t.Role switch
            {
                null or "target" => TargetRole.Target,
                "anti_target" => TargetRole.AntiTarget,
                _ => throw new CatalogueException(path, $"{where}: role must be 'target' or 'anti_target', got '{t.Role}'"),
            };
            if (t.Qsar is null && t.Docking is null) throw new CatalogueException(path, $"{where}: needs 'qsar', 'docking' or both");
            QsarSource? qsar = null;
            if (t.Qsar is { } q)
            {
                qsar = new QsarSource(ExistingFile(path, dir, q.Data, $"{where}.qsar.data"),
                    q.SmilesColumn ?? "smiles", q.ActivityColumn ?? throw new CatalogueException(path, $"{where}.qsar: 'activity_column' is required"));
            }
            DockingSource? docking = null;
            if (t.Docking is { } d)
            {
                docking = new DockingSource(ExistingFile(path, dir, d.Receptor, $"{where}.docking.receptor"),
                    Vector3(path, d.Center, $"{where}.docking.center", positive: false),
                    Vector3(path, d.Size ?? [20, 20, 20], $"{where}.docking.size", positive: true),
                    d.ReferenceLigand is null ? null : ExistingFile(path, dir, d.ReferenceLigand, $"{where}.docking.reference_ligand"));
            }
            targets.Add(new CatalogueTarget(t.Id, string.IsNullOrWhiteSpace(t.Gene) ? null : t.Gene, t.Name ?? t.Id, role, qsar, docking, t.Notes));
        }
        return new TargetCatalogue(path, targets);
    }

    private static string ExistingFile(string catalogue, string dir, string? relative, string key)
    {
        if (string.IsNullOrWhiteSpace(relative)) throw new CatalogueException(catalogue, $"{key} is required");
        var full = System.IO.Path.GetFullPath(System.IO.Path.Combine(dir, relative));
        if (!File.Exists(full)) throw new CatalogueException(catalogue, $"{key}: file '{relative}' not found (looked in {dir})");
        return full;
    }

    private static double[] Vector3(string catalogue, List<double>? v, string key, bool positive)
    {
        if (v is not { Count: 3 } || v.Any(x => !double.IsFinite(x)))
            throw new CatalogueException(catalogue, $"{key} must be three numbers [x, y, z]");
        if (positive && v.Any(x => x <= 0 || x > 126)) throw new CatalogueException(catalogue, $"{key} must be between 0 and 126 Å on each axis");
        return v.ToArray();
    }

    private sealed class CatalogueFile
    {
        public int Version { get; set; }
        public List<TargetEntry>? Targets { get; set; }
    }

    private sealed class TargetEntry
    {
        public string? Id { get; set; }
        public string? Gene { get; set; }
        public string? Name { get; set; }
        public string? Role { get; set; }
        public string? Notes { get; set; }
        public QsarEntry? Qsar { get; set; }
        public DockingEntry? Docking { get; set; }
    }

    private sealed class QsarEntry
    {
        public string? Data { get; set; }
        public string? SmilesColumn { get; set; }
        public string? ActivityColumn { get; set; }
    }

    private sealed class DockingEntry
    {
        public string? Receptor { get; set; }
        public List<double>? Center { get; set; }
        public List<double>? Size { get; set; }
        public string? ReferenceLigand { get; set; }
    }
}
