using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using MolGrid.Grains.Configuration;
using MolGrid.Grains.Campaigns;
using MolGrid.Grains.Placement;
using MolGrid.Grains.Planning;
using MolGrid.Grains.Silo;
using MolGrid.Grains.Store;
using MolGrid.Pipelines.Scoring;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.Runtime.Hosting;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace MolGrid.Grains;

/// <summary>
/// Orleans wiring for MolGrid silos. Hosts only compose these:
/// <list type="bullet">
/// <item><see cref="AddMolGridOrleans"/>: everything below from one options object;</item>
/// <item><see cref="AddMolGridOrleansEmbedded"/>: one in-process silo over the embedded SQLite store;</item>
/// <item><see cref="UseMolGridPostgres"/>: membership, grain state (<see cref="OrleansNames.Storage"/>) and
/// reminders on PostgreSQL, with the store's migrations run first;</item>
/// <item><see cref="UseMolGridCapabilities"/>: roles and slots as silo metadata, the capability placement
/// director, the slot gate and the load board reporter;</item>
/// <item><see cref="UseMolGridCampaigns"/>: what the campaign and work grains need.</item>
/// </list>
/// </summary>
public static class MolGridSiloBuilderExtensions
{
    public static ISiloBuilder AddMolGridOrleans(this ISiloBuilder silo, Action<MolGridOrleansOptions> configure)
    {
        var options = new MolGridOrleansOptions();
        configure(options);
        options.Validate();
        silo.Services.AddSingleton(options);
        silo.Configure<ClusterOptions>(o => { o.ClusterId = options.ClusterId; o.ServiceId = options.ServiceId; });
        silo.ConfigureEndpoints(options.AdvertisedAddress, PortOrFree(options.SiloPort), PortOrFree(options.GatewayPort), listenOnAnyHostAddress: false);
        silo.Services.AddLogging(l => l.AddFilter("Orleans", options.OrleansLogLevel).AddFilter("Polly", options.OrleansLogLevel));
        silo.UseMolGridDashboard(options);
        return silo.UseMolGridPostgres(options.Store!).UseMolGridCapabilities(options.Roles, options.Slots).UseMolGridCampaigns(options.Store!);
    }

    /// <summary>The campaign and work grains' dependencies: the grid store (the query side), the planner and
    /// the scoring engine.</summary>
    public static ISiloBuilder UseMolGridCampaigns(this ISiloBuilder silo, StoreAddress store)
    {
        var s = silo.Services;
        s.TryAddSingleton(_ => new GridStore(store));
        s.TryAddSingleton<IScoreCache>(sp => new StoreScoreCache(sp.GetRequiredService<GridStore>()));
        s.AddMolGridPlanning();
        s.TryAddSingleton<BatchScoringEngine>();
        s.TryAddSingleton<OrleansCampaigns>();
        s.AddSingleton<CampaignKeeper>();
        s.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<CampaignKeeper>());
        return silo;
    }

    /// <summary>
    /// One in-process silo on this machine: localhost clustering on free ports, grain state in the SQLite store
    /// <c>grid.db</c> under <paramref name="dataDirectory"/> (the grid store's own file)
    /// through <see cref="SqliteGrainStorage"/>, reminders in memory, every role. Two processes on one data directory form two one-silo clusters; the
    /// store lease keeps them from driving the same campaign at once.
    /// </summary>
    public static ISiloBuilder AddMolGridOrleansEmbedded(this ISiloBuilder silo, string dataDirectory, int? slots = null, Action<MolGridOrleansOptions>? configure = null)
    {
        var store = StoreAddress.Sqlite(Path.Combine(dataDirectory, "grid.db"));
        Directory.CreateDirectory(dataDirectory);
        var options = new MolGridOrleansOptions { Store = store, SiloPort = 0, GatewayPort = 0, Slots = slots ?? Math.Max(1, Environment.ProcessorCount), Dashboard = false };
        configure?.Invoke(options);
        options.Store = store;
        if (options.Slots < 1) throw new GridConfigException(options.Slots.ToString(), "a silo needs at least one slot");
        if (options.Roles.Count == 0 || options.Roles.Any(r => !Capabilities.All.Contains(r)))
            throw new GridConfigException(string.Join(",", options.Roles), "roles must be some of cpu, gpu, docking");
        silo.Services.AddSingleton(options);
        silo.UseLocalhostClustering(PortOrFree(0), PortOrFree(0), serviceId: options.ServiceId, clusterId: $"{options.ClusterId}-embedded");
        silo.Services.AddLogging(l => l.AddFilter("Orleans", options.OrleansLogLevel).AddFilter("Polly", options.OrleansLogLevel));
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(new StoreMigrationParticipant(store));
        // Orleans 10.4.2's ADO.NET storage has no SQLite dialect: MolGrid's own provider over the same file.
        silo.Services.AddGrainStorage(OrleansNames.Storage, (sp, _) =>
            new SqliteGrainStorage(store, options.ServiceId, sp.GetRequiredService<Orleans.Serialization.Serializer>()));
        silo.UseInMemoryReminderService();
        silo.UseMolGridDashboard(options);
        return silo.UseMolGridCapabilities(options.Roles, options.Slots).UseMolGridCampaigns(store);
    }

    /// <summary>Orleans' dashboard, silo half, without its live log stream (admins read silo logs where they run).</summary>
    private static void UseMolGridDashboard(this ISiloBuilder silo, MolGridOrleansOptions options)
    {
        if (options.Dashboard) Orleans.Dashboard.ServiceCollectionExtensions.AddDashboard(silo, o => o.HideTrace = true);
    }

    public static ISiloBuilder UseMolGridPostgres(this ISiloBuilder silo, StoreAddress store)
    {
        if (store.Kind != StoreKind.Postgres)
            throw new GridConfigException(store.Display, "Orleans' ADO.NET providers need a PostgreSQL store (postgres://...)");
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(new StoreMigrationParticipant(store));
        silo.UseAdoNetClustering(o => { o.Invariant = OrleansNames.PostgresInvariant; o.ConnectionString = store.ConnectionString; });
        silo.AddAdoNetGrainStorage(OrleansNames.Storage, o => { o.Invariant = OrleansNames.PostgresInvariant; o.ConnectionString = store.ConnectionString; });
        silo.UseAdoNetReminderService(o => { o.Invariant = OrleansNames.PostgresInvariant; o.ConnectionString = store.ConnectionString; });
        return silo;
    }

    public static ISiloBuilder UseMolGridCapabilities(this ISiloBuilder silo, IReadOnlyList<string> roles, int slots)
    {
        silo.UseSiloMetadata(SiloRolesMetadata.For(roles, slots));
        silo.AddPlacementDirector<CapabilityPlacementStrategy, CapabilityPlacementDirector>();
        silo.Services.TryAddSingleton(new MolGridOrleansOptions());
        silo.Services.AddSingleton(new WorkSlots(slots));
        silo.Services.AddSingleton(new StoreGate(slots));
        silo.Services.AddSingleton(new SiloWorkStats(roles));
        silo.Services.AddSingleton<SiloLoadView>();
        silo.Services.AddSingleton<SiloLoadReporter>();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<SiloLoadReporter>());
        return silo;
    }

    // Port 0 means "any free port": bind, read, release. The tiny race with another process is acceptable
    // for tests and single-machine clusters; fixed deployments set real ports.
    private static int PortOrFree(int port)
    {
        if (port != 0) return port;
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
