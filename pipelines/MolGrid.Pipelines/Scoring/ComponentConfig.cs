using MolGrid.Pipelines.Design;

namespace MolGrid.Pipelines.Scoring;

/// <summary>
/// One scoring component as written in a spec: its registered <see cref="Type"/>, a unique
/// <see cref="Name"/>, its <see cref="Weight"/> in the aggregation, type-specific <see cref="Params"/> and an
/// optional <see cref="Transform"/> mapping the raw value to [0, 1].
/// </summary>
public sealed record ComponentConfig(string Type, string Name, double Weight, SpecNode Params, TransformConfig? Transform, string Path)
{
    internal static ComponentConfig Parse(SpecNode n)
    {
        var type = n.String("type");
        if (type.Length == 0) throw new SpecException(n.Path + ".type", "must not be empty");
        var name = n.OptionalString("name") ?? type;
        if (name.Length == 0 || name.Length > 100 || name.Any(char.IsWhiteSpace))
            throw new SpecException(n.Path + ".name", $"'{name}' must be 1-100 characters without spaces");
        var weight = n.Double("weight", 1.0, 0, 1e6);
        var paramsNode = n.OptionalMap("params");
        var transformNode = n.Get("transform");
        var transform = transformNode is null || transformNode.IsNull ? null : TransformConfig.Parse(transformNode);
        n.RejectUnknownKeys();
        return new ComponentConfig(type, name, weight, paramsNode, transform, n.Path);
    }

    /// <summary>A config built in code (benchmarks, tests) from a params dictionary.</summary>
    public static ComponentConfig Create(string type, string? name = null, double weight = 1.0,
        IReadOnlyDictionary<string, object>? parameters = null, TransformConfig? transform = null)
    {
        var map = new Dictionary<object, object>();
        if (parameters is not null)
            foreach (var (k, v) in parameters) map[k] = ToTree(v);
        return new ComponentConfig(type, name ?? type, weight, new SpecNode($"{name ?? type}.params", map), transform, name ?? type);
    }

    internal static object ToTree(object v) => v switch
    {
        string s => s,
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        IEnumerable<string> list => list.Cast<object>().ToList(),
        _ => v.ToString() ?? "",
    };
}

/// <summary>A transform as written in a spec: its registered type and its parameters.</summary>
public sealed record TransformConfig(string Type, SpecNode Params)
{
    internal static TransformConfig Parse(SpecNode n)
    {
        if (!n.IsMap) throw new SpecException(n.Path, "must be a mapping with a 'type' key");
        var type = n.String("type");
        // The remaining keys are the transform's parameters; the transform's factory reads and checks them.
        return new TransformConfig(type, n);
    }

    public static TransformConfig Create(string type, IReadOnlyDictionary<string, object>? parameters = null)
    {
        var map = new Dictionary<object, object> { ["type"] = type };
        if (parameters is not null)
            foreach (var (k, v) in parameters) map[k] = ComponentConfig.ToTree(v);
        return new TransformConfig(type, new SpecNode($"transform({type})", map));
    }
}
