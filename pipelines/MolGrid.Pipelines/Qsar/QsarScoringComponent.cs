using MolGrid.Pipelines.Scoring;

namespace MolGrid.Pipelines.Qsar;

/// <summary>
/// Predicted pIC50 (or, for a classifier, the probability of activity) from a QSAR model, as a scoring component
/// ("qsar_gp:KCNH2", "qsar_mlp:GABRA1", or any name for a "qsar" component).
/// Its version is the model kind plus the model file's hash, so cached scores die with the model.
/// A molecule that does not parse gets a failed result; the batch goes on.
/// </summary>
public sealed class QsarScoringComponent : IScoringComponent
{
    private readonly IQsarModel _model;

    public QsarScoringComponent(string modelPath, string? target = null)
    {
        _model = QsarModelFile.Load(modelPath);
        Name = $"qsar_{_model.Kind}" + (target is null ? "" : ":" + target);
        Version = $"{_model.Kind}-v{QsarModelFile.Version}-{QsarModelFile.Hash(modelPath)}";
    }

    public QsarScoringComponent(IQsarModel model, string name, string version, string capability = Capabilities.Cpu)
    {
        _model = model;
        Name = name;
        Version = version;
        Capability = capability;
    }

    public string Name { get; }

    public string Version { get; }

    /// <summary>cpu for fingerprint models and trees; networks default to gpu silos (which use CUDA where
    /// TorchSharp finds it).</summary>
    public string Capability { get; } = Capabilities.Cpu;

    public IQsarModel Model => _model;

    public Task<IReadOnlyList<ComponentResult>> ComputeAsync(IReadOnlyList<ScoringMolecule> molecules, CancellationToken cancellationToken)
    {
        var results = new ComponentResult[molecules.Count];
        var inputs = new List<QsarInput>(molecules.Count);
        var at = new List<int>(molecules.Count);
        for (var i = 0; i < molecules.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                inputs.Add(new QsarInput(molecules[i].Molecule, molecules[i].Morgan2));
                at.Add(i);
            }
            catch (InvalidInputException e)
            {
                results[i] = ComponentResult.Fail(e.Reason);
            }
        }
        var predicted = _model.Predict(inputs);
        for (var k = 0; k < at.Count; k++) results[at[k]] = ComponentResult.Ok(predicted[k].Mean);
        return Task.FromResult<IReadOnlyList<ComponentResult>>(results);
    }
}
