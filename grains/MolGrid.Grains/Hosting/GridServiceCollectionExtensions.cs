using MassTransit;
using MolGrid.Grains.Configuration;
using MolGrid.Grains.Orchestration;
using MolGrid.Grains.Planning;
using MolGrid.Grains.Services;
using MolGrid.Grains.Silo;
using MolGrid.Grains.Store;
using MolGrid.Pipelines.Scoring;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MolGrid.Grains;

/// <summary>
/// Wiring for the MassTransit grid (cluster mode, until it moves onto Orleans; the embedded grid is on Orleans,
/// see <see cref="EmbeddedGridServiceCollectionExtensions"/>). Hosts only compose these:
/// <list type="bullet">
/// <item><see cref="AddMolGridCluster"/>: a client of a cluster (RabbitMQ + PostgreSQL): ICampaignService and
/// ISiloRegistry, optionally an orchestrator.</item>
/// <item><see cref="AddMolGridGrid"/> + <see cref="AddMolGridSilo"/> / <see cref="AddMolGridOrchestrator"/>: the parts.</item>
/// </list>
/// Every mode registers <see cref="ICampaignService"/> and <see cref="ISiloRegistry"/>.
/// </summary>
public static class GridServiceCollectionExtensions
{
    /// <summary>A cluster client. <paramref name="bus"/>: rabbitmq://host[:port]; <paramref name="store"/>:
    /// postgres://user:pass@host/db. With <paramref name="orchestrate"/> this process also runs campaigns.</summary>
    public static IServiceCollection AddMolGridCluster(this IServiceCollection services, string bus, string store, bool orchestrate = false)
    {
        services.AddMolGridGrid(o => { o.Bus = BusAddress.Parse(bus); o.Store = StoreAddress.Parse(store); });
        return orchestrate ? services.AddMolGridOrchestrator() : services;
    }

    public static IServiceCollection AddMolGridGrid(this IServiceCollection services, Action<GridOptions> configure)
    {
        var options = new GridOptions();
        configure(options);
        if (options.Store is null) throw new GridConfigException("store", "the grid needs a store (sqlite:PATH or postgres://...)");
        services.AddSingleton(options);
        services.AddSingleton(_ => new GridStore(options.Store));
        services.TryAddSingleton<IScoreCache>(sp => new StoreScoreCache(sp.GetRequiredService<GridStore>()));
        services.AddMolGridPlanning();
        services.TryAddSingleton<BatchSignals>();
        services.TryAddSingleton<GridCounters>();
        services.TryAddSingleton<ICampaignLauncher, BusCampaignLauncher>();
        services.TryAddSingleton<ICampaignService, CampaignService>();
        services.TryAddSingleton<ISiloRegistry, SiloRegistry>();
        // In memory the bus starts at once, and waiting means silo endpoints connect to a started bus and a failed
        // start fails the host instead of leaving a process that silently never delivers. A broker may be down
        // for a while, so a RabbitMQ process starts without it and MassTransit keeps reconnecting.
        services.Configure<MassTransitHostOptions>(o => { o.WaitUntilStarted = options.Bus.InMemory; o.StopTimeout = TimeSpan.FromSeconds(30); });
        services.AddMassTransit(x =>
        {
            // MassTransit 8.4's usage telemetry reports to its vendor over the network (a compute grid holding
            // unpublished chemistry should not), and its observer enumerates the endpoint list while a silo
            // connects its work queues, which faulted about one in-memory bus start in eighty under load.
            x.DisableUsageTelemetry();
            x.AddConsumer<ScoreBatchConsumer>();
            x.AddConsumer<BatchCompletedConsumer>();
            x.AddConsumer<CampaignSubmittedConsumer>();
            x.AddConsumer<BatchFaultConsumer>();
            if (options.Bus.InMemory)
                x.UsingInMemory((ctx, cfg) => ConfigureBus(ctx, cfg));
            else
                x.UsingRabbitMq((ctx, cfg) =>
                {
                    var b = options.Bus;
                    cfg.Host(b.Host, (ushort)b.Port, b.VirtualHost, h => { h.Username(b.User); h.Password(b.Password); h.Heartbeat(TimeSpan.FromSeconds(5)); });
                    ConfigureBus(ctx, cfg);
                });
        });
        return services;
    }

    /// <summary>Makes this process a worker node: consumes the work queues of <see cref="SiloOptions.Roles"/>.</summary>
    public static IServiceCollection AddMolGridSilo(this IServiceCollection services, Action<SiloOptions>? configure = null)
    {
        var options = new SiloOptions();
        configure?.Invoke(options);
        if (options.Slots < 1) throw new GridConfigException(options.Slots.ToString(), "a silo needs at least one slot");
        services.AddSingleton(options);
        services.AddSingleton(new SiloRuntime(options));
        services.AddSingleton<BatchScoringEngine>();
        services.AddHostedService<SiloWorker>();
        return services;
    }

    /// <summary>Makes this process run campaigns (claimed from the store under a lease).</summary>
    public static IServiceCollection AddMolGridOrchestrator(this IServiceCollection services, Action<OrchestratorOptions>? configure = null)
    {
        var options = new OrchestratorOptions();
        configure?.Invoke(options);
        services.AddSingleton(options);
        services.AddSingleton<CampaignRunner>();
        services.AddHostedService<OrchestratorService>();
        return services;
    }

    private static void ConfigureBus(IBusRegistrationContext ctx, IBusFactoryConfigurator cfg)
    {
        if (ctx.GetService<OrchestratorOptions>() is null) return;
        // Completion events and submission wake-ups: a private, auto-deleted queue per orchestrator process.
        cfg.ReceiveEndpoint(new TemporaryEndpointDefinition(), KebabCaseEndpointNameFormatter.Instance, e =>
        {
            e.ConfigureConsumer<BatchCompletedConsumer>(ctx);
            e.ConfigureConsumer<CampaignSubmittedConsumer>(ctx);
        });
        // Poison batches: a durable queue shared by all orchestrators, so none is lost while one restarts.
        cfg.ReceiveEndpoint(Messages.WorkQueues.BatchFaults, e => e.ConfigureConsumer<BatchFaultConsumer>(ctx));
    }
}
