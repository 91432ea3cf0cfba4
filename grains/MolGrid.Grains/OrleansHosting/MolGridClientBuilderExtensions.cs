using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MolGrid.Grains.Configuration;
using Orleans.Configuration;
using Orleans.Hosting;

namespace MolGrid.Grains;

/// <summary>
/// A process outside the cluster (CLI, API server) that calls MolGrid's grains: it finds the silos' gateways in
/// the PostgreSQL membership table, so it needs only the store address and cluster id. The store must already
/// be migrated (a silo does that at start).
/// </summary>
public static class MolGridClientBuilderExtensions
{
    public static IClientBuilder AddMolGridOrleansClient(this IClientBuilder client, StoreAddress store, string clusterId = "molgrid",
        string serviceId = "molgrid", LogLevel orleansLogLevel = LogLevel.Warning)
    {
        if (store.Kind != StoreKind.Postgres)
            throw new GridConfigException(store.Display, "an Orleans client finds the cluster through a PostgreSQL store (postgres://...)");
        if (string.IsNullOrWhiteSpace(clusterId)) throw new GridConfigException(clusterId ?? "", "the cluster id is empty");
        client.Configure<ClusterOptions>(o => { o.ClusterId = clusterId; o.ServiceId = serviceId; });
        client.UseAdoNetClustering(o => { o.Invariant = OrleansNames.PostgresInvariant; o.ConnectionString = store.ConnectionString; });
        client.Services.AddLogging(l => l.AddFilter("Orleans", orleansLogLevel).AddFilter("Polly", orleansLogLevel));
        return client;
    }
}
