namespace MolGrid.Pipelines.Design.Generators;

/// <summary>
/// The diversity filter's scaffold buckets and the effective scores of the molecules that landed in a full
/// bucket. <see cref="DiversityFilter.Update"/> folds scores in the order they were scored and reads nothing
/// else, so this is a function of the scored history: it is rebuilt from the history instead of stored with
/// every round (<see cref="DiversityFold"/>).
/// </summary>
public sealed class DiversityMemory
{
    public SortedDictionary<string, int> Buckets { get; } = new(StringComparer.Ordinal);
    public SortedDictionary<string, double> Penalized { get; } = new(StringComparer.Ordinal);

    /// <summary>The memory after folding <paramref name="scored"/> (in order) through the filter of <paramref name="spec"/>.</summary>
    public static DiversityMemory Of(DiversitySpec spec, IEnumerable<MoleculeScore> scored)
    {
        var memory = new DiversityMemory();
        new DiversityFilter(spec).Update(memory, scored);
        return memory;
    }
}
