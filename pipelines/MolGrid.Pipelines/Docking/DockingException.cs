namespace MolGrid.Pipelines.Docking;

/// <summary>A docking input (receptor, box, ligand file) MolGrid cannot use.</summary>
public sealed class DockingInputException(string input, string reason) : InvalidInputException(input, reason);

/// <summary>Docking of one ligand failed (preparation, Vina error, timeout). Reported per molecule, never
/// fatal to a batch.</summary>
public sealed class DockingFailedException(string reason, Exception? inner = null) : Exception(reason, inner);
