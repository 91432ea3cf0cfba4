using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MolGrid.Grains;
using MolGrid.Grains.Configuration;
using MolGrid.Grains.Planning;
using Orleans.Hosting;

namespace MolGrid.Silo;

/// <summary>Settings of `molgrid silo --cluster`: one Orleans silo of the cluster at <see cref="Cluster"/>.</summary>
public sealed record OrleansSiloSettings(string Cluster)
{
    public string Roles { get; init; } = "cpu";
    public int Slots { get; init; } = Math.Max(1, Environment.ProcessorCount);
    public int SiloPort { get; init; } = 11111;
    public int GatewayPort { get; init; } = 30000;
    public string? Address { get; init; }
    public string ClusterId { get; init; } = "molgrid";

    /// <summary>In a Kubernetes pod: Orleans' Kubernetes hosting on top (see <see cref="OrleansSiloHost.Build"/>).</summary>
    public bool Kubernetes { get; init; }

    /// <summary>Where design specs find the start files they name; null: <see cref="DesignPlanOptions"/>' default
    /// ($MOLGRID_HOME/samples/design).</summary>
    public string? SpecDirectory { get; init; }
}

/// <summary>Composes the product silo host, `molgrid silo --cluster`: an Orleans silo that hosts campaign grains
/// and the work grains of its roles (there is no orchestrator process), until SIGINT/SIGTERM. Other hosts (the
/// benchmark and fault harness) start the same composition and add to it through <c>extend</c>.</summary>
public static class OrleansSiloHost
{
    public static IHost Build(OrleansSiloSettings s, Action<ISiloBuilder>? extend = null)
    {
        var store = ClusterClientServiceCollectionExtensions.ClusterAddress(s.Cluster);
        var roles = SiloOptions.ParseRoles(s.Roles);
        if (s.Slots < 1) throw new GridConfigException(s.Slots.ToString(), "--slots must be at least 1");
        if (s.Kubernetes) RequirePodEnvironment(s.ClusterId);
        // In a pod the default address is the pod's IP, which MolGrid's endpoint settings would otherwise replace.
        var address = IPAddress.Loopback;
        if ((s.Address ?? (s.Kubernetes ? Environment.GetEnvironmentVariable("POD_IP") : null)) is { Length: > 0 } a && !IPAddress.TryParse(a, out address!))
            throw new GridConfigException(a, "--address must be an IP address other silos reach this one on");
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss.fff "; });
        builder.Logging.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        // Design specs name their start file relative to the shipped samples/design directory.
        if (s.SpecDirectory is { } specs) builder.Services.AddSingleton(new DesignPlanOptions { SpecDirectory = specs });
        builder.UseOrleans(silo =>
        {
            silo.AddMolGridOrleans(o =>
            {
                o.Store = store;
                o.ClusterId = s.ClusterId;
                o.Roles = roles;
                o.Slots = s.Slots;
                o.SiloPort = s.SiloPort;
                o.GatewayPort = s.GatewayPort;
                o.AdvertisedAddress = address;
            });
            // Orleans' Kubernetes hosting: the pod's name and IP as the silo's, and a cluster agent that declares a
            // silo dead as soon as its pod is gone (rather than after missed probes) and deletes the pods of silos
            // Orleans has declared dead; it finds its cluster's pods by the orleans/serviceId and orleans/clusterId
            // labels, which deploy/k8s sets to MolGrid's ids.
            if (s.Kubernetes) silo.UseKubernetesHosting();
            extend?.Invoke(silo);
        });
        return builder.Build();
    }

    /// <summary>Orleans' Kubernetes hosting reads the pod from the downward API; without it the silo would fail at
    /// start with a less helpful message, so the switch is refused up front (exit 2), naming what is missing. It
    /// also lets ORLEANS_SERVICE_ID and ORLEANS_CLUSTER_ID replace the cluster's ids, which would put this silo in
    /// another cluster than the server's and `molgrid silos`' without a word: different ones are refused too.</summary>
    private static void RequirePodEnvironment(string clusterId)
    {
        var missing = new[] { "POD_NAME", "POD_NAMESPACE", "POD_IP" }.Where(v => string.IsNullOrEmpty(Environment.GetEnvironmentVariable(v))).ToList();
        if (missing.Count > 0)
            throw new GridConfigException("--kubernetes", $"needs the pod's {string.Join(", ", missing)} in the environment (the downward API; deploy/k8s/silo-*.yaml sets them)");
        foreach (var (variable, ours) in new[] { ("ORLEANS_SERVICE_ID", new MolGridOrleansOptions().ServiceId), ("ORLEANS_CLUSTER_ID", clusterId) })
            if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } set && set != ours)
                throw new GridConfigException(variable, $"is '{set}', but MolGrid's silos, server and CLI use '{ours}'; unset it or make it '{ours}'");
    }

    public static async Task<int> RunAsync(OrleansSiloSettings s, CancellationToken ct, Action<ISiloBuilder>? extend = null)
    {
        using var host = Build(s, extend);
        await host.RunAsync(ct);
        return 0;
    }
}
