using System.Net;
using MolGrid.Grains.Configuration;

namespace MolGrid.Grains;

/// <summary>How a MolGrid silo joins its Orleans cluster: identity, endpoints, store, and what work it takes.</summary>
public sealed class MolGridOrleansOptions
{
    /// <summary>Silos with the same cluster id and store form one cluster.</summary>
    public string ClusterId { get; set; } = "molgrid";

    /// <summary>Keys grain state and reminders; keep it stable across deployments so state survives them.</summary>
    public string ServiceId { get; set; } = "molgrid";

    /// <summary>Membership, grain state and reminders. Only PostgreSQL today (Orleans' providers have no
    /// SQLite clustering).</summary>
    public StoreAddress? Store { get; set; }

    /// <summary>Silo-to-silo port; 0 picks a free one (several silos on one machine, tests).</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Client gateway port; 0 picks a free one.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos reach this one on.</summary>
    public IPAddress AdvertisedAddress { get; set; } = IPAddress.Loopback;

    public IReadOnlyList<string> Roles { get; set; } = MolGrid.Pipelines.Scoring.Capabilities.All;

    /// <summary>Work grains computing at once on this silo.</summary>
    public int Slots { get; set; } = Math.Max(1, Environment.ProcessorCount);

    /// <summary>Longest a component may take for one molecule (when the campaign's plan sets none).</summary>
    public TimeSpan MoleculeTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often this silo reports its load and refreshes its view of the others'.</summary>
    public TimeSpan LoadReportInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Collect Orleans' dashboard statistics on this silo (grain calls, activations, silo counters), so an
    /// admin can see them through `molgrid serve` (the dashboard needs its silo half on every silo). On by default
    /// for cluster silos; the embedded silo turns it on only when it serves HTTP.</summary>
    public bool Dashboard { get; set; } = true;

    /// <summary>Orleans logs every placement and much else at Information; below this level its logs are dropped.</summary>
    public Microsoft.Extensions.Logging.LogLevel OrleansLogLevel { get; set; } = Microsoft.Extensions.Logging.LogLevel.Warning;

    /// <summary>Throws <see cref="GridConfigException"/> for settings that cannot work.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ClusterId)) throw new GridConfigException(ClusterId ?? "", "the cluster id is empty");
        if (string.IsNullOrWhiteSpace(ServiceId)) throw new GridConfigException(ServiceId ?? "", "the service id is empty");
        if (Store is null) throw new GridConfigException("store", "an Orleans silo needs a store (postgres://user:pass@host/db)");
        if (Store.Kind != StoreKind.Postgres)
            throw new GridConfigException(Store.Display, "Orleans clustering, grain state and reminders need PostgreSQL (postgres://...); SQLite is not supported by Orleans' ADO.NET clustering");
        if (SiloPort is < 0 or > 65535) throw new GridConfigException(SiloPort.ToString(), "the silo port must be 0-65535");
        if (GatewayPort is < 0 or > 65535) throw new GridConfigException(GatewayPort.ToString(), "the gateway port must be 0-65535");
        if (Roles.Count == 0) throw new GridConfigException("roles", "a silo needs at least one role (cpu, gpu, docking)");
        foreach (var role in Roles)
            if (!MolGrid.Pipelines.Scoring.Capabilities.All.Contains(role))
                throw new GridConfigException(role, "unknown role (expected cpu, gpu or docking)");
        if (Slots < 1) throw new GridConfigException(Slots.ToString(), "a silo needs at least one slot");
        if (LoadReportInterval <= TimeSpan.Zero) throw new GridConfigException(LoadReportInterval.ToString(), "the load report interval must be positive");
    }
}
