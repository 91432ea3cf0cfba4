using MolGrid.Molecules;

namespace MolGrid.Pipelines.Benchmarks.Pmo;

/// <summary>Placeholder until the Gobbi 2D pharmacophore port lands: PHCO is not available yet.</summary>
public static class GobbiPharmacophore
{
    public static int[] Fingerprint(Molecule mol) =>
        throw new NotSupportedException("the Gobbi 2D pharmacophore fingerprint (PHCO) is not implemented yet");
}
