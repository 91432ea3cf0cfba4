using MolGrid.Molecules;

namespace MolGrid.Pipelines.Qsar;

/// <summary>A prediction: mean pIC50 and, where the model gives one, its predictive variance (else NaN).</summary>
public readonly record struct QsarPrediction(double Mean, double Variance);

/// <summary>A trained activity model on Morgan fingerprints.</summary>
public interface IQsarModel
{
    /// <summary>"gp", "mlp" or "nn".</summary>
    string Kind { get; }

    QsarPrediction Predict(BitFingerprint fingerprint);
}
