using MolGrid.Molecules;

namespace MolGrid.Pipelines.Scoring.Components;

/// <summary>QED (Bickerton 2012, RDKit's QED.qed with mean weights) as a component.</summary>
public sealed class QedComponent(string name) : MoleculeComponent(name, "rdkit-qed-port-1")
{
    protected override double Compute(ScoringMolecule molecule) => Qed.Compute(molecule.Molecule);
}

/// <summary>Synthetic accessibility (Ertl and Schuffenhauer 2009, RDKit Contrib sascorer): 1 easy .. 10 hard.</summary>
public sealed class SaScoreComponent(string name) : MoleculeComponent(name, "rdkit-sascore-port-1")
{
    protected override double Compute(ScoringMolecule molecule) => SaScore.Compute(molecule.Molecule);
}

/// <summary>Registers QED and SA score (ports of RDKit's Python QED and Ertl's sascorer).</summary>
public static class ChemistryScoreRegistration
{
    public static ComponentRegistry AddChemistryScores(this ComponentRegistry registry) => registry
        .Register("qed", c => new QedComponent(c.Name))
        .Register("sa_score", c => new SaScoreComponent(c.Name));
}
