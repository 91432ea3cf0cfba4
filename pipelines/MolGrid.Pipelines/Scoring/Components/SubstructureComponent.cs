using MolGrid.Molecules;
using MolGrid.Pipelines.Design;

namespace MolGrid.Pipelines.Scoring.Components;

/// <summary>SMARTS patterns that must (mode required: 1 when every pattern matches) or must not (mode
/// forbidden: 1 when none matches) occur; 0 otherwise.</summary>
public sealed class SubstructureComponent(string name, ThreadLocalQueries queries, bool required)
    : MoleculeComponent(name, $"rdkit-2022.09/substructure-1/{(required ? "required" : "forbidden")}/{SimilarityComponent.Hash(queries.Smarts)}")
{
    protected override double Compute(ScoringMolecule molecule)
    {
        foreach (var q in queries.Get())
        {
            var hit = Substructure.HasMatch(molecule.Molecule, q);
            if (required && !hit) return 0;
            if (!required && hit) return 0;
        }
        return 1;
    }

    internal static SubstructureComponent FromConfig(ComponentConfig c)
    {
        var node = c.Params.Require("smarts");
        var smarts = c.Params.StringList("smarts");
        if (smarts.Count == 0) throw new SpecException(node.Path, "needs at least one SMARTS");
        var mode = c.Params.Enum("mode", "required", "required", "forbidden");
        return new SubstructureComponent(c.Name, ThreadLocalQueries.Validated(smarts, node.Path), mode == "required");
    }
}
