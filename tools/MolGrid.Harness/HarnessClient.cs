using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MolGrid.Grains;
using MolGrid.Harness.Synthetic;

namespace MolGrid.Harness;

/// <summary>The harness's cluster client: the product's client composition with no log providers, plus the
/// synthetic engine (the client builds the plan to validate a spec at submission, so it needs the engine too).
/// <paramref name="configure"/> adds what one use needs (logging, gateway refresh).</summary>
internal static class HarnessClient
{
    public static async Task<IHost> StartAsync(string cluster, TimeSpan gatewayWait, Action<HostApplicationBuilder>? configure = null, CancellationToken ct = default)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Services.AddMolGridClusterClient(cluster, gatewayWait).UseMolGridSyntheticEngine();
        configure?.Invoke(builder);
        var host = builder.Build();
        await host.StartAsync(ct);
        return host;
    }
}
