namespace MolGrid.Pipelines.Design.Generators;

/// <summary>
/// A loop's <see cref="DiversityMemory"/>, kept beside the history it has folded: a history that extends the
/// folded one (the next round) folds only its new molecules; any other (a restarted loop, a round re-run from an
/// earlier state) is folded from its start, which gives the same memory the rounds built one by one.
/// "Extends" is decided by the identity of the last folded score object, not its SMILES: a round re-run with the
/// same molecules but other outcomes (a batch that failed, then succeeded) has the same length and last SMILES,
/// and must not keep the buckets of the first attempt. A loop's next state reuses the score objects it accepted,
/// so the normal round folds only what is new; a state read back from JSON is folded afresh.
/// </summary>
internal sealed class DiversityFold(DiversityFilter filter)
{
    private DiversityMemory _memory = new();
    private int _count;
    private MoleculeScore? _last;

    /// <summary>The memory after the whole of <paramref name="scored"/>. Valid until the next call.</summary>
    public DiversityMemory At(IReadOnlyList<MoleculeScore> scored)
    {
        var extends = _count <= scored.Count && (_count == 0 || ReferenceEquals(scored[_count - 1], _last));
        if (!extends)
        {
            _memory = new DiversityMemory();
            _count = 0;
        }
        filter.Update(_memory, scored.Skip(_count));
        _count = scored.Count;
        _last = _count > 0 ? scored[_count - 1] : null;
        return _memory;
    }
}
