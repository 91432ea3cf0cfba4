namespace MolGrid.Grains.Configuration;

/// <summary>What every grid process shares: the bus and the store.</summary>
public sealed class GridOptions
{
    public BusAddress Bus { get; set; } = BusAddress.Memory;

    public StoreAddress? Store { get; set; }

    /// <summary>A silo whose last heartbeat is older than this is reported as Lost.</summary>
    public TimeSpan SiloLostAfter { get; set; } = TimeSpan.FromSeconds(10);
}
