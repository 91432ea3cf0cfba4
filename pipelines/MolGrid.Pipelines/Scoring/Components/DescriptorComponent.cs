using MolGrid.Molecules;
using MolGrid.Pipelines.Design;

namespace MolGrid.Pipelines.Scoring.Components;

/// <summary>Any descriptor of <see cref="MolDescriptors"/> by its snake_case name (tpsa, clogp, mw, ...).</summary>
public sealed class DescriptorComponent(string name, string descriptor) : MoleculeComponent(name, "rdkit-2022.09/descriptor-1")
{
    public string Descriptor { get; } = descriptor;

    protected override double Compute(ScoringMolecule molecule) => molecule.Descriptors[Descriptor];

    internal static DescriptorComponent FromConfig(ComponentConfig c)
    {
        var node = c.Params.Require("descriptor");
        var d = node.AsString();
        if (!MolDescriptors.Names.Contains(d))
            throw new SpecException(node.Path, $"unknown descriptor '{d}'; known: {string.Join(", ", MolDescriptors.Names)}");
        return new DescriptorComponent(c.Name, d);
    }
}
