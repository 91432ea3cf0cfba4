using System.CommandLine;
using MolGrid.Grains;
using MolGrid.Grains.Configuration;
using MolGrid.Silo;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MolGrid.Cli.Commands;

/// <summary>
/// The grid's commands: `silo`, `silos [list|drain|resume]`, `bench grid`, `bench faults`, and `orchestrator`.
/// With `--cluster postgres://...` the grid is Orleans: a silo hosts campaign and work grains, and there is no
/// orchestrator. `--bus` plus `--store` is the MassTransit grid, kept while `bench grid` and `bench faults` still
/// measure it (they start such processes); it goes with them.
/// </summary>
public static class GridCommands
{
    public const string DefaultBus = "rabbitmq://127.0.0.1:5672";

    public static void AddTo(RootCommand root)
    {
        root.Subcommands.Add(Silo());
        root.Subcommands.Add(Silos());
        // `bench` may already exist (other areas add their own benchmarks); share it.
        var bench = root.Subcommands.FirstOrDefault(c => c.Name == "bench");
        if (bench is null) { bench = new Command("bench", "Benchmarks that print measured figures."); root.Subcommands.Add(bench); }
        bench.Subcommands.Add(GridBenchCommand.Create());
        bench.Subcommands.Add(FaultsCommand.Create());
    }

    internal static Option<string> BusOption() => new("--bus") { Description = "Message bus: rabbitmq://[user:pass@]host[:port][/vhost] or memory://", DefaultValueFactory = _ => DefaultBus };

    internal static Option<string> StoreOption(bool required) => new("--store")
    {
        Description = "Grid store: postgres://user:pass@host[:port]/db or sqlite:PATH" + (required ? "" : " (default: the embedded SQLite store under MOLGRID_DATA)"),
        Required = required,
    };

    internal static Option<string?> ClusterOption() => new("--cluster") { Description = "Orleans cluster: postgres://user:pass@host[:port]/db (membership, grain state, reminders and the grid store)" };

    internal static string StoreOrDefault(string? store) => store is { Length: > 0 } s ? s : "sqlite:" + Path.Combine(MolGridPaths.Data, "grid.db");

    private static Command Silo()
    {
        var cluster = ClusterOption();
        cluster.Required = true;
        var roles = new Option<string>("--roles") { Description = "Work this silo takes: any of cpu,gpu,docking", DefaultValueFactory = _ => "cpu" };
        var slots = new Option<int>("--slots") { Description = "Batches worked on at once", DefaultValueFactory = _ => Math.Max(1, Environment.ProcessorCount) };
        var port = new Option<int>("--port") { Description = "Silo-to-silo port (0: a free one)", DefaultValueFactory = _ => 11111 };
        var gateway = new Option<int>("--gateway-port") { Description = "Client gateway port (0: a free one)", DefaultValueFactory = _ => 30000 };
        var address = new Option<string?>("--address") { Description = "The IP other silos and clients reach this one on (default 127.0.0.1)" };
        var cmd = new Command("silo", "Start a worker node: an Orleans silo of --cluster that hosts campaign grains and the work grains of its roles; runs until SIGINT/SIGTERM.")
            { cluster, roles, slots, port, gateway, address };
        cmd.SetAction((p, ct) => OrleansSiloHost.RunAsync(new OrleansSiloSettings(p.GetValue(cluster)!)
        {
            Roles = p.GetValue(roles)!, Slots = p.GetValue(slots), SiloPort = p.GetValue(port), GatewayPort = p.GetValue(gateway), Address = p.GetValue(address),
            SpecDirectory = Path.Combine(MolGridPaths.Samples, "design"),
        }, ct));
        return cmd;
    }

    private static Command Silos()
    {
        var cluster = ClusterOption();
        var store = StoreOption(false);
        var cmd = new Command("silos", "List the grid's silos (role, slots, load, state, last report); `drain ID` / `resume ID`. --cluster for an Orleans cluster, else the MassTransit silo table of --store.") { cluster, store };
        cmd.SetAction(async (p, ct) =>
        {
            await using var registry = await OpenRegistryAsync(p.GetValue(cluster), p.GetValue(store), ct);
            var silos = await registry.Registry.ListAsync(ct);
            Console.WriteLine($"{"ID",-36} {"HOST",-16} {"ROLES",-18} {"SLOTS",5} {"BUSY",5} {"STATE",-9} {"BATCHES",8}  LAST BEAT");
            var now = DateTimeOffset.UtcNow;
            foreach (var s in silos)
                Console.WriteLine($"{s.Id,-36} {s.Host,-16} {string.Join(",", s.Roles),-18} {s.Slots,5} {s.Busy,5} {s.State,-9} {s.BatchesDone,8}  {s.LastHeartbeat:HH:mm:ss} ({(now - s.LastHeartbeat).TotalSeconds:0.0}s ago)");
            if (silos.Count == 0) Console.WriteLine("(no silos registered)");
            return CliRunner.Ok;
        });
        cmd.Subcommands.Add(Control("drain", "Ask a silo to finish its batches in hand and take no more.", (r, id, ct) => r.DrainAsync(id, ct)));
        cmd.Subcommands.Add(Control("resume", "Let a drained silo take work again.", (r, id, ct) => r.ResumeAsync(id, ct)));
        return cmd;
    }

    private static Command Control(string name, string description, Func<ISiloRegistry, string, CancellationToken, Task<bool>> act)
    {
        var cluster = ClusterOption();
        var store = StoreOption(false);
        var id = new Argument<string>("ID") { Description = "Silo id as `molgrid silos` lists it" };
        var cmd = new Command(name, description) { id, cluster, store };
        cmd.SetAction(async (p, ct) =>
        {
            await using var registry = await OpenRegistryAsync(p.GetValue(cluster), p.GetValue(store), ct);
            var siloId = p.GetValue(id)!;
            if (!await act(registry.Registry, siloId, ct))
                throw new GridConfigException(siloId, "no such silo");
            Console.WriteLine(p.GetValue(cluster) is null
                ? $"{name} requested for {siloId}; the silo acts on its next heartbeat"
                : $"{name} recorded for {siloId}; placement acts on it within a second");
            return CliRunner.Ok;
        });
        return cmd;
    }

    /// <summary>The silo registry of an Orleans cluster (a cluster client, started here) or of a MassTransit store
    /// (only the store is needed to read and steer the silo table; the bus is never started).</summary>
    private static async Task<RegistryHandle> OpenRegistryAsync(string? cluster, string? store, CancellationToken ct)
    {
        if (cluster is not null && store is not null) throw new GridConfigException(cluster, "give --cluster or --store, not both");
        if (cluster is null) return new RegistryHandle(Registry(store), null);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddMolGridClusterClient(cluster, TimeSpan.FromSeconds(10));
        var host = builder.Build();
        try { await host.StartAsync(ct); }
        catch (Exception e) when (e is not GridConfigException and not OperationCanceledException)
        {
            host.Dispose();
            throw new InvalidOperationException($"cannot reach the cluster at {cluster}: {e.Message}", e);
        }
        return new RegistryHandle(host.Services, host);
    }

    private sealed class RegistryHandle(IServiceProvider services, IHost? host) : IAsyncDisposable
    {
        public ISiloRegistry Registry { get; } = services.GetRequiredService<ISiloRegistry>();

        public async ValueTask DisposeAsync()
        {
            if (host is not null)
            {
                using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                try { await host.StopAsync(stop.Token); } finally { host.Dispose(); }
            }
            else if (services is IDisposable d) d.Dispose();
        }
    }

    /// <summary>Only the store is needed to read and steer the silo table; the bus is never started.</summary>
    private static ServiceProvider Registry(string? store)
    {
        var address = StoreAddress.Parse(StoreOrDefault(store));
        var services = new ServiceCollection().AddLogging();
        services.AddMolGridGrid(o => { o.Bus = BusAddress.Memory; o.Store = address; });
        return services.BuildServiceProvider();
    }
}
