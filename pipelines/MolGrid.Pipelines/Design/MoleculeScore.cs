namespace MolGrid.Pipelines.Design;

/// <summary>
/// One molecule's aggregated score and its per-component values (raw and transformed, keyed by component
/// name). A molecule that could not be scored carries <see cref="Error"/> and a total of 0.
/// </summary>
public sealed record MoleculeScore(
    string Smiles,
    double Total,
    IReadOnlyDictionary<string, double> Components,
    string? Error = null)
{
    public bool Failed => Error is not null;
}
