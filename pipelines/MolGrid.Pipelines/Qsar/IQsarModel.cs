using MolGrid.Molecules;

namespace MolGrid.Pipelines.Qsar;

/// <summary>A prediction: the mean (pIC50 for regression, the probability of the positive class for
/// classification) and, where the model gives one, its predictive variance (else NaN). For an ensemble the
/// variance is the members' spread.</summary>
public readonly record struct QsarPrediction(double Mean, double Variance);

/// <summary>What a model is trained to predict.</summary>
public enum QsarTask
{
    Regression,
    Classification,
}

/// <summary>One molecule as models see it: graph models read the molecule, fingerprint models its Morgan bits
/// (radius 2, 2048 bits). The caller owns the molecule.</summary>
public sealed record QsarInput(Molecule Molecule, BitFingerprint Morgan2)
{
    public static QsarInput From(Molecule molecule) =>
        new(molecule, Fingerprints.MorganBits(molecule, MorganFeaturizer.Radius, MorganFeaturizer.Bits));
}

/// <summary>A trained activity model.</summary>
public interface IQsarModel
{
    /// <summary>"gp", "mlp", "nn", "gbm" or "dmpnn".</summary>
    string Kind { get; }

    QsarTask Task => QsarTask.Regression;

    /// <summary>Predictions for a batch, in input order.</summary>
    IReadOnlyList<QsarPrediction> Predict(IReadOnlyList<QsarInput> molecules);
}

/// <summary>A model that reads only the Morgan fingerprint; batches are predicted in parallel.</summary>
public interface IFingerprintQsarModel : IQsarModel
{
    QsarPrediction Predict(BitFingerprint fingerprint);

    IReadOnlyList<QsarPrediction> IQsarModel.Predict(IReadOnlyList<QsarInput> molecules)
    {
        var results = new QsarPrediction[molecules.Count];
        Parallel.For(0, molecules.Count, i => results[i] = Predict(molecules[i].Morgan2));
        return results;
    }
}
