using MolGrid.Molecules;
using MolGrid.Pipelines.Design;

namespace MolGrid.Pipelines.Scoring.Components;

/// <summary>Number of structural alerts (PAINS and/or Brenk by default) a molecule raises; pair it with a
/// reverse_sigmoid or value_map transform.</summary>
public sealed class AlertsComponent(string name, AlertCatalogs catalogs)
    : MoleculeComponent(name, $"rdkit-2022.09/filtercatalog-1/{(int)catalogs}")
{
    private readonly Lazy<StructuralAlerts> _alerts = new(() => new StructuralAlerts(catalogs));

    protected override double Compute(ScoringMolecule molecule) => _alerts.Value.Match(molecule.Molecule).Count;

    internal static AlertsComponent FromConfig(ComponentConfig c)
    {
        var node = c.Params.Get("catalogs");
        var names = c.Params.StringList("catalogs");
        if (names.Count == 0) names = ["pains", "brenk"];
        AlertCatalogs catalogs = 0;
        for (var i = 0; i < names.Count; i++)
            catalogs |= names[i] switch
            {
                "pains" => AlertCatalogs.Pains,
                "brenk" => AlertCatalogs.Brenk,
                "nih" => AlertCatalogs.Nih,
                "zinc" => AlertCatalogs.Zinc,
                _ => throw new SpecException(node is { IsList: true } ? $"{node.Path}[{i}]" : node?.Path ?? c.Params.Path, $"unknown catalogue '{names[i]}'; known: pains, brenk, nih, zinc"),
            };
        return new AlertsComponent(c.Name, catalogs);
    }
}
