namespace MolGrid.Grains.Silo;

/// <summary>A work grain could not read or write the grid store (PostgreSQL restarting, out of connections). The
/// driver's exception (Npgsql's) has no Orleans codec, so the work grain sends this instead: the campaign grain,
/// on whichever silo, then pauses the campaign until the store answers rather than failing the batch's molecules.</summary>
[GenerateSerializer, Alias("molgrid.store-unavailable")]
public sealed class StoreUnavailableException(string message) : Exception(message);
