using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MolGrid.Grains.Configuration;
using MolGrid.Harness.Synthetic;
using Orleans.Hosting;

namespace MolGrid.Grains.Tests;

/// <summary>Real Orleans silos for tests: each an in-process host on free loopback ports, joined through
/// MolGrid's PostgreSQL membership, composed only with <see cref="MolGridSiloBuilderExtensions"/>.</summary>
internal static class OrleansSilos
{
    public static async Task<IHost> StartAsync(StoreAddress store, string cluster, IReadOnlyList<string>? roles = null, int slots = 2,
        Action<ISiloBuilder>? extra = null)
    {
        var host = new HostBuilder()
            .ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning).AddConsole())
            .UseOrleans(silo =>
            {
                silo.AddMolGridOrleans(o =>
                {
                    o.Store = store;
                    o.ClusterId = cluster;
                    o.SiloPort = 0;
                    o.GatewayPort = 0;
                    o.Slots = slots;
                    o.LoadReportInterval = TimeSpan.FromMilliseconds(250);
                    if (roles is not null) o.Roles = roles;
                }).UseMolGridSyntheticEngine();
                extra?.Invoke(silo);
            })
            .Build();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await host.StartAsync(cts.Token);
        return host;
    }

    /// <summary>A cluster client (not a silo) that finds the gateways through the membership table.</summary>
    public static async Task<IHost> StartClientAsync(StoreAddress store, string cluster)
    {
        var host = new HostBuilder()
            .ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning).AddConsole())
            .UseOrleansClient(client => client.AddMolGridOrleansClient(store, cluster))
            .Build();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await host.StartAsync(cts.Token);
        return host;
    }

    public static IGrainFactory Grains(this IHost host) => host.Services.GetRequiredService<IGrainFactory>();

    public static async Task StopQuietlyAsync(this IHost host)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try { await host.StopAsync(cts.Token); } finally { host.Dispose(); }
    }
}
