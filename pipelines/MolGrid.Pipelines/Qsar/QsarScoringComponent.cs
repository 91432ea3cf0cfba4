using MolGrid.Pipelines.Scoring;

namespace MolGrid.Pipelines.Qsar;

/// <summary>
/// Predicted pIC50 from a saved QSAR model, as a scoring component ("qsar_gp:KCNH2", "qsar_mlp:GABRA1").
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

    public QsarScoringComponent(IQsarModel model, string name, string version)
    {
        _model = model;
        Name = name;
        Version = version;
    }

    public string Name { get; }

    public string Version { get; }

    public string Capability => Capabilities.Cpu;

    public IQsarModel Model => _model;

    public Task<IReadOnlyList<ComponentResult>> ComputeAsync(IReadOnlyList<ScoringMolecule> molecules, CancellationToken cancellationToken)
    {
        var results = new ComponentResult[molecules.Count];
        for (var i = 0; i < molecules.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                results[i] = ComponentResult.Ok(_model.Predict(molecules[i].Morgan2).Mean);
            }
            catch (InvalidInputException e)
            {
                results[i] = ComponentResult.Fail(e.Reason);
            }
        }
        return Task.FromResult<IReadOnlyList<ComponentResult>>(results);
    }
}
