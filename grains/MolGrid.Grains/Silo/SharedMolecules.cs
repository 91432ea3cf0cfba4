using MolGrid.Grains.Messages;
using MolGrid.Pipelines.Scoring;

namespace MolGrid.Grains.Silo;

/// <summary>
/// The parsed molecules of one batch, shared by the components that score it one after another, so each SMILES
/// is parsed (and its descriptors and fingerprint computed) once per batch. A molecule handed to a call that was
/// abandoned still running is dropped from the set undisposed: the call may still be using it.
/// </summary>
internal sealed class SharedMolecules : IDisposable
{
    private readonly Dictionary<string, ScoringMolecule> _byKey = new(StringComparer.Ordinal);

    public ScoringMolecule Get(BatchMolecule m)
    {
        if (!_byKey.TryGetValue(m.Key, out var mol)) _byKey[m.Key] = mol = new ScoringMolecule(m.Key, m.Smiles);
        return mol;
    }

    public void Abandon(IEnumerable<ScoringMolecule> molecules)
    {
        foreach (var m in molecules)
            if (_byKey.TryGetValue(m.Key, out var held) && ReferenceEquals(held, m)) _byKey.Remove(m.Key);
    }

    public void Dispose()
    {
        foreach (var m in _byKey.Values) m.Dispose();
        _byKey.Clear();
    }
}
