namespace MolGrid.Pipelines.Targets;

/// <summary>A target catalogue MolGrid cannot use: the message names the file, the target and the key.</summary>
public sealed class CatalogueException(string input, string reason) : InvalidInputException(input, reason);
