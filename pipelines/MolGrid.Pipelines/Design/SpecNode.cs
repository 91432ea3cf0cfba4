using System.Globalization;

namespace MolGrid.Pipelines.Design;

/// <summary>
/// One value of a parsed YAML/JSON spec together with its key path, with typed accessors that throw
/// <see cref="SpecException"/> naming the path. Maps remember which keys were read, so
/// <see cref="RejectUnknownKeys"/> can refuse typos instead of silently ignoring them.
/// </summary>
public sealed class SpecNode
{
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    internal SpecNode(string path, object? value)
    {
        Path = path;
        Value = value;
    }

    /// <summary>The key path, e.g. <c>scoring.components[2].params</c>.</summary>
    public string Path { get; }

    /// <summary>The raw value: string scalar, <see cref="IDictionary{TKey,TValue}"/>, list, or null.</summary>
    public object? Value { get; }

    public bool IsMap => Value is IDictionary<object, object>;

    public bool IsList => Value is IList<object>;

    public bool IsNull => Value is null;

    /// <summary>An empty map (used where a section is absent).</summary>
    public static SpecNode Empty(string path) => new(path, new Dictionary<object, object>());

    public IEnumerable<string> Keys => Map.Keys.Select(k => k.ToString() ?? "");

    private IDictionary<object, object> Map =>
        Value as IDictionary<object, object> ?? throw new SpecException(Path, "must be a mapping (key: value pairs)");

    public bool Has(string key) => Map.ContainsKey(key);

    /// <summary>The child under <paramref name="key"/>, or null when absent.</summary>
    public SpecNode? Get(string key)
    {
        _read.Add(key);
        return Map.TryGetValue(key, out var v) ? new SpecNode(Child(key), v) : null;
    }

    public SpecNode Require(string key) => Get(key) ?? throw new SpecException(Child(key), "is required");

    /// <summary>An optional mapping under <paramref name="key"/> (absent or null: an empty one); anything but a
    /// mapping is a <see cref="SpecException"/>.</summary>
    public SpecNode OptionalMap(string key)
    {
        var node = Get(key);
        if (node is null || node.IsNull) return Empty(Child(key));
        if (!node.IsMap) throw new SpecException(node.Path, "must be a mapping (key: value pairs)");
        return node;
    }

    public string String(string key, string? fallback = null) =>
        Get(key)?.AsString() ?? fallback ?? throw new SpecException(Child(key), "is required");

    public string? OptionalString(string key) => Get(key)?.AsString();

    public double Double(string key, double fallback, double min = double.MinValue, double max = double.MaxValue) =>
        Get(key)?.AsDouble(min, max) ?? fallback;

    public double RequireDouble(string key, double min = double.MinValue, double max = double.MaxValue) =>
        Require(key).AsDouble(min, max);

    public int Int(string key, int fallback, int min = int.MinValue, int max = int.MaxValue) =>
        Get(key)?.AsInt(min, max) ?? fallback;

    public long Long(string key, long fallback) => Get(key)?.AsLong() ?? fallback;

    public bool Bool(string key, bool fallback) => Get(key)?.AsBool() ?? fallback;

    /// <summary>A list of strings; a single scalar counts as a one-element list.</summary>
    public IReadOnlyList<string> StringList(string key)
    {
        var node = Get(key);
        if (node is null || node.IsNull) return [];
        if (!node.IsList) return [node.AsString()];
        return node.Items().Select(i => i.AsString()).ToArray();
    }

    public string Enum(string key, string fallback, params string[] allowed)
    {
        var node = Get(key);
        if (node is null) return fallback;
        var s = node.AsString();
        if (!allowed.Contains(s, StringComparer.Ordinal))
            throw new SpecException(node.Path, $"'{s}' is not one of: {string.Join(", ", allowed)}");
        return s;
    }

    public IReadOnlyList<SpecNode> Items()
    {
        if (Value is not IList<object?> list) throw new SpecException(Path, "must be a list");
        return list.Select((v, i) => new SpecNode($"{Path}[{i}]", v)).ToArray();
    }

    public string AsString()
    {
        if (Value is string s) return s;
        if (Value is null) throw new SpecException(Path, "must not be empty");
        throw new SpecException(Path, IsList ? "must be a single value, not a list" : "must be a single value, not a mapping");
    }

    public double AsDouble(double min = double.MinValue, double max = double.MaxValue)
    {
        var s = AsString();
        if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) || double.IsNaN(d) || double.IsInfinity(d))
            throw new SpecException(Path, $"'{s}' is not a number");
        if (d < min || d > max) throw new SpecException(Path, $"{s} is outside {Range(min, max)}");
        return d;
    }

    public int AsInt(int min = int.MinValue, int max = int.MaxValue)
    {
        var s = AsString();
        if (!int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i))
            throw new SpecException(Path, $"'{s}' is not a whole number");
        if (i < min || i > max) throw new SpecException(Path, $"{s} is outside {Range(min, max)}");
        return i;
    }

    public long AsLong()
    {
        var s = AsString();
        if (!long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i))
            throw new SpecException(Path, $"'{s}' is not a whole number");
        return i;
    }

    public bool AsBool()
    {
        var s = AsString();
        return s switch
        {
            "true" or "True" or "yes" => true,
            "false" or "False" or "no" => false,
            _ => throw new SpecException(Path, $"'{s}' is not true or false"),
        };
    }

    /// <summary>Throws for the first key present that no accessor asked for.</summary>
    public void RejectUnknownKeys(IEnumerable<string>? known = null)
    {
        if (!IsMap) return;
        var allowed = new HashSet<string>(_read, StringComparer.Ordinal);
        if (known is not null) allowed.UnionWith(known);
        foreach (var key in Keys)
            if (!allowed.Contains(key))
                throw new SpecException(Child(key), allowed.Count == 0
                    ? "unknown key (this section takes no keys)"
                    : $"unknown key; known keys here: {string.Join(", ", allowed.Order(StringComparer.Ordinal))}");
    }

    private string Child(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    private static string Range(double min, double max) =>
        (min == double.MinValue || min == int.MinValue, max == double.MaxValue || max == int.MaxValue) switch
        {
            (true, true) => "the allowed range",
            (true, false) => $"the allowed range (at most {max.ToString(CultureInfo.InvariantCulture)})",
            (false, true) => $"the allowed range (at least {min.ToString(CultureInfo.InvariantCulture)})",
            _ => $"the allowed range [{min.ToString(CultureInfo.InvariantCulture)}, {max.ToString(CultureInfo.InvariantCulture)}]",
        };
}
