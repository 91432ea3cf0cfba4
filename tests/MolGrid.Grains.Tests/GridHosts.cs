using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MolGrid.Harness.Synthetic;

namespace MolGrid.Grains.Tests;

/// <summary>Starts grid processes in-process (each its own host and DI container, so its own bus).</summary>
public static class GridHosts
{
    public static async Task<IHost> StartAsync(Action<IServiceCollection> configure)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        if (Environment.GetEnvironmentVariable("MOLGRID_TEST_LOG") == "1") builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Information);
        configure(builder.Services);
        // Grid tests run synthetic campaigns: the harness's engine, turned on in code (no product host has it).
        builder.Services.UseMolGridSyntheticEngine();
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    public static async Task<CampaignInfo> WaitForAsync(ICampaignService campaigns, string id, TimeSpan timeout, Func<CampaignInfo, bool>? until = null)
    {
        until ??= c => c.Status is CampaignStatus.Completed or CampaignStatus.Failed or CampaignStatus.Cancelled;
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var info = await campaigns.GetAsync(id, CancellationToken.None) ?? throw new InvalidOperationException($"campaign {id} not found");
            if (until(info)) return info;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"campaign {id} still {info.Status} at round {info.Round} after {timeout}");
            await Task.Delay(100);
        }
    }
}
