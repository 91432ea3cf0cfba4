using MolGrid.Grains.Campaigns;
using MolGrid.Grains.Configuration;
using MolGrid.Grains.Planning;
using MolGrid.Grains.Services;
using MolGrid.Grains.Store;
using MolGrid.Pipelines.Scoring;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace MolGrid.Grains;

/// <summary>
/// The single-machine grid, for hosts to compose:
/// <list type="bullet">
/// <item><see cref="AddMolGridEmbedded"/>: one in-process Orleans silo (localhost clustering on free ports, every
/// role, grain state and the grid store in SQLite under the data directory) with <see cref="ICampaignService"/>
/// over campaign grains and <see cref="ISiloRegistry"/> over Orleans' membership and the load board. What
/// `molgrid demo`, `campaign submit|watch` and `serve` without a cluster use.</item>
/// <item><see cref="AddMolGridStoreOnly"/>: the store and <see cref="ICampaignService"/> without a silo, for
/// commands that only read or steer (status, top, export, cancel, submit --detach): they never start a
/// campaign another process on the same data directory is running. A campaign submitted this way stays Queued
/// until a silo on the store starts.</item>
/// </list>
/// </summary>
public static class EmbeddedGridServiceCollectionExtensions
{
    /// <param name="dashboard">Collect Orleans' dashboard statistics (for `molgrid serve`, which shows them to admins).</param>
    public static IServiceCollection AddMolGridEmbedded(this IServiceCollection services, string dataDirectory, Action<SiloOptions>? silo = null, bool dashboard = false)
    {
        var options = new SiloOptions();
        silo?.Invoke(options);
        if (options.Slots < 1) throw new GridConfigException(options.Slots.ToString(), "a silo needs at least one slot");
        services.AddOrleans(s => s.AddMolGridOrleansEmbedded(dataDirectory, options.Slots, o =>
        {
            o.Roles = options.Roles;
            o.MoleculeTimeout = options.MoleculeTimeout;
            o.Dashboard = dashboard;
            // One process on one machine: Orleans' cluster advice (server GC, watchdog stalls while RDKit holds
            // both cores) is noise for a CLI user; its errors still show.
            o.OrleansLogLevel = Microsoft.Extensions.Logging.LogLevel.Error;
        }));
        // A campaign's silo stops at a round boundary (graceful deactivation): give it the time a round takes.
        services.Configure<HostOptions>(o => o.ShutdownTimeout = o.ShutdownTimeout < TimeSpan.FromSeconds(30) ? TimeSpan.FromSeconds(30) : o.ShutdownTimeout);
        services.TryAddSingleton<ICampaignLauncher, GrainCampaignLauncher>();
        services.TryAddSingleton<ICampaignService, CampaignService>();
        services.TryAddSingleton<ISiloRegistry, OrleansSiloRegistry>();
        return services;
    }

    public static IServiceCollection AddMolGridStoreOnly(this IServiceCollection services, StoreAddress store)
    {
        services.TryAddSingleton(_ => new GridStore(store));
        services.AddMolGridPlanning();
        services.TryAddSingleton<ICampaignLauncher, StoreCampaignLauncher>();
        services.TryAddSingleton<ICampaignService, CampaignService>();
        return services;
    }

    /// <summary>The campaign planner and the design engine, the only engine a product host serves (test engines
    /// are registered by the harness that needs them, never here).</summary>
    internal static IServiceCollection AddMolGridPlanning(this IServiceCollection services)
    {
        services.TryAddSingleton(new DesignPlanOptions());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICampaignPlanFactory, DesignPlanFactory>());
        services.TryAddSingleton<CampaignPlanner>();
        return services;
    }
}
