using System.Globalization;
using MolGrid.Pipelines.Design;

namespace MolGrid.Pipelines.Scoring.Transforms;

/// <summary>Maps discrete raw values (counts, flags) to scores: <c>mapping: {"0": 1.0, "1": 0.5}</c>;
/// values not in the map score <c>default</c> (0 unless given).</summary>
public sealed class ValueMapTransform(IReadOnlyDictionary<double, double> mapping, double fallback) : IScoreTransform
{
    public string Type => "value_map";

    public double Apply(double x) => mapping.TryGetValue(x, out var v) ? v : fallback;

    internal static IScoreTransform FromSpec(SpecNode p)
    {
        var node = p.Require("mapping");
        var map = new Dictionary<double, double>();
        foreach (var key in node.Keys)
        {
            if (!double.TryParse(key, NumberStyles.Float, CultureInfo.InvariantCulture, out var k))
                throw new SpecException($"{node.Path}.{key}", "mapping keys must be numbers (the component's raw values)");
            map[k] = node.Require(key).AsDouble();
        }
        if (map.Count == 0) throw new SpecException(node.Path, "needs at least one entry");
        return new ValueMapTransform(map, p.Double("default", 0.0));
    }
}
