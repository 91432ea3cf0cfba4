namespace MolGrid.Pipelines.Design.Generators;

/// <summary>
/// A loop's <see cref="DiversityMemory"/>, kept beside the history it has folded: a history that extends the
/// folded one (the next round) folds only its new molecules; any other (a restarted loop, a round re-run from an
/// earlier state) is folded from its start, which gives the same memory the rounds built one by one.
/// </summary>
internal sealed class DiversityFold(DiversityFilter filter)
{
    private DiversityMemory _memory = new();
    private int _count;
    private string? _last;

    /// <summary>The memory after the whole of <paramref name="scored"/>. Valid until the next call.</summary>
    public DiversityMemory At(IReadOnlyList<MoleculeScore> scored)
    {
        var extends = _count <= scored.Count && (_count == 0 || scored[_count - 1].Smiles == _last);
        if (!extends)
        {
            _memory = new DiversityMemory();
            _count = 0;
        }
        filter.Update(_memory, scored.Skip(_count));
        _count = scored.Count;
        _last = _count > 0 ? scored[_count - 1].Smiles : null;
        return _memory;
    }
}
