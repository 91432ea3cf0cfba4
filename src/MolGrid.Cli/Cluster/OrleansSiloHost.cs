using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MolGrid.Grains;
using MolGrid.Grains.Configuration;
using MolGrid.Grains.Planning;

namespace MolGrid.Cli.Cluster;

/// <summary>Settings of `molgrid silo --cluster`: one Orleans silo of the cluster at <see cref="Cluster"/>.</summary>
public sealed record OrleansSiloSettings(string Cluster)
{
    public string Roles { get; init; } = "cpu";
    public int Slots { get; init; } = Math.Max(1, Environment.ProcessorCount);
    public int SiloPort { get; init; } = 11111;
    public int GatewayPort { get; init; } = 30000;
    public string? Address { get; init; }
    public string ClusterId { get; init; } = "molgrid";
}

/// <summary>Composes the host for `molgrid silo --cluster`: an Orleans silo that hosts campaign grains and the
/// work grains of its roles (there is no orchestrator process), until SIGINT/SIGTERM.</summary>
public static class OrleansSiloHost
{
    public static IHost Build(OrleansSiloSettings s)
    {
        var store = ClusterClientServiceCollectionExtensions.ClusterAddress(s.Cluster);
        var roles = SiloOptions.ParseRoles(s.Roles);
        var address = IPAddress.Loopback;
        if (s.Address is { Length: > 0 } a && !IPAddress.TryParse(a, out address!))
            throw new GridConfigException(a, "--address must be an IP address other silos reach this one on");
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss.fff "; });
        builder.Logging.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        // Design specs name their start file relative to the shipped samples/design directory.
        builder.Services.AddSingleton(new DesignPlanOptions { SpecDirectory = Path.Combine(MolGridPaths.Samples, "design") });
        builder.UseOrleans(silo => silo.AddMolGridOrleans(o =>
        {
            o.Store = store;
            o.ClusterId = s.ClusterId;
            o.Roles = roles;
            o.Slots = s.Slots;
            o.SiloPort = s.SiloPort;
            o.GatewayPort = s.GatewayPort;
            o.AdvertisedAddress = address;
        }));
        return builder.Build();
    }

    public static async Task<int> RunAsync(OrleansSiloSettings s, CancellationToken ct)
    {
        using var host = Build(s);
        await host.RunAsync(ct);
        return 0;
    }
}
