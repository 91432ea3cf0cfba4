using MolGrid.Molecules;

namespace MolGrid.Pipelines.Benchmarks.Pmo;

/// <summary>QED and SA score from MolGrid.Molecules (ports of RDKit's Python QED and Ertl's sascorer).</summary>
internal static class ChemistryScores
{
    public static double Qed(Molecule mol) => throw new NotSupportedException("QED is not available until the chem branch is merged");
}
