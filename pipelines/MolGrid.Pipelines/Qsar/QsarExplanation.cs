using MolGrid.Molecules;
using MolGrid.Pipelines.Qsar.Dmpnn;

namespace MolGrid.Pipelines.Qsar;

/// <summary>Per-atom attributions for any model: integrated gradients for networks, fingerprint occlusion for
/// the rest.</summary>
public static class QsarExplanation
{
    public static AtomAttribution Explain(IQsarModel model, Molecule mol) => model switch
    {
        DmpnnModel network => IntegratedGradients.Explain(network, mol),
        _ => FingerprintOcclusion.Explain(model, mol),
    };
}
