using MolGrid.Grains.Campaigns;
using MolGrid.Grains.Configuration;
using MolGrid.Grains.Services;
using MolGrid.Grains.Store;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace MolGrid.Grains;

/// <summary>
/// A process outside an Orleans cluster that drives it (`molgrid serve --cluster`, `molgrid silos --cluster`):
/// an Orleans client that finds the silos' gateways in the PostgreSQL membership table, with
/// <see cref="ICampaignService"/> over campaign grains (queries read the grid store in the same database) and
/// <see cref="ISiloRegistry"/> over Orleans' membership and the load board. The cluster is one address,
/// <c>postgres://user:pass@host[:port]/db</c>.
/// </summary>
public static class ClusterClientServiceCollectionExtensions
{
    /// <param name="connectFor">How long the client keeps trying to reach a gateway at start (no silo up yet,
    /// the membership tables not created yet) before the host's start fails.</param>
    /// <param name="dashboard">Host Orleans' dashboard's client half (`molgrid serve --cluster`; the silos collect).</param>
    public static IServiceCollection AddMolGridClusterClient(this IServiceCollection services, string cluster, TimeSpan connectFor, string clusterId = "molgrid", bool dashboard = false)
    {
        var store = ClusterAddress(cluster);
        DateTime? firstFailure = null; // the filter is consulted only while the client starts
        services.AddOrleansClient(c =>
        {
            c.AddMolGridOrleansClient(store, clusterId).UseConnectionRetryFilter(async (_, ct) =>
            {
                firstFailure ??= DateTime.UtcNow;
                if (DateTime.UtcNow - firstFailure > connectFor) return false;
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
                return true;
            });
            if (dashboard) Orleans.Dashboard.ServiceCollectionExtensions.AddDashboard(c, o => o.HideTrace = true);
        });
        services.TryAddSingleton(_ => new GridStore(store));
        services.AddMolGridPlanning();
        services.TryAddSingleton<ICampaignLauncher, GrainCampaignLauncher>();
        services.TryAddSingleton<ICampaignService, CampaignService>();
        services.TryAddSingleton<ISiloRegistry, OrleansSiloRegistry>();
        return services;
    }

    /// <summary>Parses a cluster address: Orleans' membership, grain state and reminders need PostgreSQL.</summary>
    public static StoreAddress ClusterAddress(string cluster)
    {
        var store = StoreAddress.Parse(cluster);
        if (store.Kind != StoreKind.Postgres)
            throw new GridConfigException(cluster, "a cluster address is postgres://user:pass@host[:port]/db (Orleans' membership lives there)");
        return store;
    }
}
