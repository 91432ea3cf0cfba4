namespace MolGrid.Grains.Silo;

/// <summary>Thrown by a component when the node, not the molecule, is at fault (a lost accelerator, a missing
/// model file): the batch is not failed molecule by molecule; the work grain's call fails, the campaign grain
/// retries it (placement may pick another silo), and after the bounded attempts its molecules fail with the reason.
/// Serialisable, so the reason crosses from the silo that threw it to the campaign grain's.</summary>
[GenerateSerializer, Alias("molgrid.silo-fault")]
public sealed class SiloFaultException(string message, Exception? inner = null) : Exception(message, inner);
