using MolGrid.Molecules;

namespace MolGrid.Pipelines.Qsar;

/// <summary>The baseline every model must beat: the activity of the most similar training molecule (Tanimoto
/// on Morgan bits; ties go to the earlier training molecule).</summary>
public sealed class NearestNeighbourModel(IReadOnlyList<BitFingerprint> train, IReadOnlyList<double> y) : IFingerprintQsarModel
{
    public string Kind => "nn";

    public QsarPrediction Predict(BitFingerprint fingerprint)
    {
        var best = -1.0;
        var value = double.NaN;
        for (var i = 0; i < train.Count; i++)
        {
            var s = Similarity.Tanimoto(fingerprint, train[i]);
            if (s > best) (best, value) = (s, y[i]);
        }
        return new QsarPrediction(value, double.NaN);
    }
}
