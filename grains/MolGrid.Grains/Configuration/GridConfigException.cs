namespace MolGrid.Grains.Configuration;

/// <summary>A grid setting (bus address, store address, roles, slots) that cannot be used.</summary>
public sealed class GridConfigException(string input, string reason) : InvalidInputException(input, reason);
