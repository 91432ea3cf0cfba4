using MolGrid.Grains;
using MolGrid.Grains.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MolGrid.Silo;

/// <summary>Settings of one grid process started from the command line.</summary>
public sealed record GridProcessSettings(string Bus, string Store)
{
    public string? SiloId { get; init; }
    public string Roles { get; init; } = "cpu,gpu,docking";
    public int Slots { get; init; } = Math.Max(1, Environment.ProcessorCount);
    public bool RunSilo { get; init; }
    public bool RunOrchestrator { get; init; }
    public string? OrchestratorId { get; init; }
    public double LeaseSeconds { get; init; } = 10;
    public double ResendSeconds { get; init; } = 60;
    public LogLevel LogLevel { get; init; } = LogLevel.Information;
}

/// <summary>Composes the host for `molgrid silo` and `molgrid orchestrator`: a silo, an orchestrator, or both,
/// on the given bus and store, until SIGINT/SIGTERM.</summary>
public static class GridProcessHost
{
    public static IHost Build(GridProcessSettings s)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss.fff "; });
        builder.Logging.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(s.LogLevel);
        builder.Logging.AddFilter("MassTransit", LogLevel.Warning);
        var bus = BusAddress.Parse(s.Bus);
        var store = StoreAddress.Parse(s.Store);
        var roles = SiloOptions.ParseRoles(s.Roles);
        if (s.Slots < 1) throw new GridConfigException(s.Slots.ToString(), "--slots must be at least 1");
        builder.Services.AddMolGridGrid(o => { o.Bus = bus; o.Store = store; });
        if (s.RunSilo)
            builder.Services.AddMolGridSilo(o =>
            {
                if (s.SiloId is { Length: > 0 } id) o.Id = id;
                o.Roles = roles;
                o.Slots = s.Slots;
            });
        if (s.RunOrchestrator)
            builder.Services.AddMolGridOrchestrator(o =>
            {
                if (s.OrchestratorId is { Length: > 0 } id) o.Id = id;
                o.Lease = TimeSpan.FromSeconds(s.LeaseSeconds);
                o.ResendAfter = TimeSpan.FromSeconds(s.ResendSeconds);
            });
        return builder.Build();
    }

    public static async Task<int> RunAsync(GridProcessSettings s, CancellationToken ct)
    {
        using var host = Build(s);
        await host.RunAsync(ct);
        return 0;
    }
}
