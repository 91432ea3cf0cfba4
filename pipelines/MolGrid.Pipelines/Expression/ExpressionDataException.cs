namespace MolGrid.Pipelines.Expression;

/// <summary>An expression matrix, sample sheet or group choice MolGrid cannot analyse. The message names the
/// file and, where there is one, the line and column.</summary>
public sealed class ExpressionDataException(string input, string reason)
    : InvalidInputException(input, reason)
{
    public static ExpressionDataException At(string file, int line, string? column, string reason) =>
        new(file, column is null ? $"line {line}: {reason}" : $"line {line}, column '{column}': {reason}");
}
