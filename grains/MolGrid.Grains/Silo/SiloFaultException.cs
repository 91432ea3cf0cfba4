namespace MolGrid.Grains.Silo;

/// <summary>Thrown by a component when the node, not the molecule, is at fault (a lost accelerator, a missing
/// model file): the batch is not failed molecule by molecule but retried, and after the bounded retries it
/// goes to the error queue, where the orchestrator records it.</summary>
public sealed class SiloFaultException(string message, Exception? inner = null) : Exception(message, inner);
