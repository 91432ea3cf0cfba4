namespace MolGrid.Pipelines.Qsar;

/// <summary>
/// Per-atom attributions of one prediction. <see cref="Method"/> says how they were made:
/// "integrated-gradients" (D-MPNN: they sum to <see cref="Prediction"/> - <see cref="Baseline"/>, the prediction
/// for the molecule with every feature zeroed) or "fingerprint-occlusion" (fingerprint and tree models: each
/// bit's effect, prediction minus the prediction without it, shared out over the atoms of the environments that
/// set it, as RDKit's similarity maps do; <see cref="Baseline"/> is then the prediction with no bit set).
/// Positive raises the prediction, negative lowers it.
/// </summary>
public sealed record AtomAttribution(string Smiles, string ModelKind, string Method, double Prediction, double Baseline, IReadOnlyList<double> Atoms)
{
    /// <summary>The attributions scaled into [-1, 1] by the largest magnitude, for shading a depiction.</summary>
    public double[] Normalised()
    {
        var max = Atoms.Select(Math.Abs).DefaultIfEmpty(0).Max();
        return Atoms.Select(a => max > 0 ? a / max : 0).ToArray();
    }
}
