namespace MolGrid.Pipelines.Design;

/// <summary>
/// Everything the design loop needs to continue: round number, oracle calls spent, the current population
/// and every molecule scored so far (the ranking is read from it). Serialisable with System.Text.Json.
/// Generators derive their random numbers from (seed, round), so no RNG state needs to be stored.
/// </summary>
public sealed record DesignState
{
    public required int Round { get; init; }
    public required int OracleCalls { get; init; }
    public required long Seed { get; init; }
    /// <summary>Canonical SMILES of the population that parents the next round.</summary>
    public required IReadOnlyList<string> Population { get; init; }
    /// <summary>Every molecule scored so far, in the order it was first scored.</summary>
    public required IReadOnlyList<MoleculeScore> Scored { get; init; }
    /// <summary>Generator-specific extra state (for example a diversity filter's buckets), as JSON.</summary>
    public string? GeneratorState { get; init; }
}
