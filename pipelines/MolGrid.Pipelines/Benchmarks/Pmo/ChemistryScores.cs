using MolGrid.Molecules;

namespace MolGrid.Pipelines.Benchmarks.Pmo;

/// <summary>QED as PMO's "qed" oracle uses it (RDKit's QED.qed, ported in MolGrid.Molecules.Qed).</summary>
internal static class ChemistryScores
{
    public static double Qed(Molecule mol) => Molecules.Qed.Compute(mol);
}
