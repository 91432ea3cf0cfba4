using System.CommandLine;
using MolGrid.Grains;
using MolGrid.Grains.Configuration;
using MolGrid.Silo;
using Microsoft.Extensions.DependencyInjection;

namespace MolGrid.Cli.Commands;

/// <summary>The grid's commands: `silo`, `orchestrator`, `silos [list|drain|resume]`, `bench grid`, `bench faults`.</summary>
public static class GridCommands
{
    public const string DefaultBus = "rabbitmq://127.0.0.1:5672";

    public static void AddTo(RootCommand root)
    {
        root.Subcommands.Add(Silo());
        root.Subcommands.Add(Orchestrator());
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

    internal static string StoreOrDefault(string? store) => store is { Length: > 0 } s ? s : "sqlite:" + Path.Combine(MolGridPaths.Data, "grid.db");

    private static Command Silo()
    {
        var bus = BusOption();
        var store = StoreOption(true);
        var roles = new Option<string>("--roles") { Description = "Work queues to consume: any of cpu,gpu,docking", DefaultValueFactory = _ => "cpu" };
        var slots = new Option<int>("--slots") { Description = "Batches worked on at once (also the broker prefetch)", DefaultValueFactory = _ => Math.Max(1, Environment.ProcessorCount) };
        var id = new Option<string?>("--id") { Description = "Silo id (default: host-pid)" };
        var orchestrate = new Option<bool>("--orchestrate") { Description = "Also run campaigns in this process" };
        var cmd = new Command("silo", "Start a worker node on a cluster bus and store; runs until SIGINT/SIGTERM.") { bus, store, roles, slots, id, orchestrate };
        cmd.SetAction((p, ct) => GridProcessHost.RunAsync(new GridProcessSettings(p.GetValue(bus)!, p.GetValue(store)!)
        {
            RunSilo = true, Roles = p.GetValue(roles)!, Slots = p.GetValue(slots), SiloId = p.GetValue(id), RunOrchestrator = p.GetValue(orchestrate),
        }, ct));
        return cmd;
    }

    private static Command Orchestrator()
    {
        var bus = BusOption();
        var store = StoreOption(true);
        var id = new Option<string?>("--id") { Description = "Orchestrator id (default: host-pid-random)" };
        var lease = new Option<double>("--lease-seconds") { Description = "Campaign lease; a dead orchestrator's campaigns are taken over after it", DefaultValueFactory = _ => 10 };
        var resend = new Option<double>("--resend-seconds") { Description = "Resend a round's missing batches after this long without progress", DefaultValueFactory = _ => 60 };
        var cmd = new Command("orchestrator", "Run campaigns (claimed from the store under a lease) on a cluster; runs until SIGINT/SIGTERM.") { bus, store, id, lease, resend };
        cmd.SetAction((p, ct) => GridProcessHost.RunAsync(new GridProcessSettings(p.GetValue(bus)!, p.GetValue(store)!)
        {
            RunOrchestrator = true, OrchestratorId = p.GetValue(id), LeaseSeconds = p.GetValue(lease), ResendSeconds = p.GetValue(resend),
        }, ct));
        return cmd;
    }

    private static Command Silos()
    {
        var store = StoreOption(false);
        var cmd = new Command("silos", "List the grid's silos (role, slots, load, state, last heartbeat); `drain ID` / `resume ID`.") { store };
        cmd.SetAction(async (p, ct) =>
        {
            using var sp = Registry(p.GetValue(store));
            var silos = await sp.GetRequiredService<ISiloRegistry>().ListAsync(ct);
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
        var store = StoreOption(false);
        var id = new Argument<string>("ID") { Description = "Silo id as `molgrid silos` lists it" };
        var cmd = new Command(name, description) { id, store };
        cmd.SetAction(async (p, ct) =>
        {
            using var sp = Registry(p.GetValue(store));
            var siloId = p.GetValue(id)!;
            if (!await act(sp.GetRequiredService<ISiloRegistry>(), siloId, ct))
                throw new GridConfigException(siloId, "no such silo");
            Console.WriteLine($"{name} requested for {siloId}; the silo acts on its next heartbeat");
            return CliRunner.Ok;
        });
        return cmd;
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
