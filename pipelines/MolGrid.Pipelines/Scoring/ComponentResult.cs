namespace MolGrid.Pipelines.Scoring;

/// <summary>A component's raw value for one molecule, or the reason it has none.</summary>
public readonly record struct ComponentResult(double Value, string? Error)
{
    public bool Failed => Error is not null;

    public static ComponentResult Ok(double value) => new(value, null);

    public static ComponentResult Fail(string reason) => new(double.NaN, reason);
}
