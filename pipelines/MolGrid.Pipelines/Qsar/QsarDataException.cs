namespace MolGrid.Pipelines.Qsar;

/// <summary>A QSAR data set or model file MolGrid cannot use; names the file, line/column and reason.</summary>
public sealed class QsarDataException(string input, string reason) : InvalidInputException(input, reason);
