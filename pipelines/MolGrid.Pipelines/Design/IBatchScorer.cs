namespace MolGrid.Pipelines.Design;

/// <summary>
/// Scores molecules in batches. The design loop talks to scoring only through this seam, so the same
/// loop runs with in-process scoring or with batches fanned out to remote silos.
/// </summary>
public interface IBatchScorer
{
    /// <summary>Scores each molecule; the result list is aligned with <paramref name="smiles"/>.</summary>
    Task<IReadOnlyList<MoleculeScore>> ScoreAsync(IReadOnlyList<string> smiles, CancellationToken cancellationToken);
}
