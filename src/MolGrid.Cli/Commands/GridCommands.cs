using System.CommandLine;
using MolGrid.Grains;
using MolGrid.Grains.Configuration;
using MolGrid.Silo;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MolGrid.Cli.Commands;

/// <summary>
/// The grid's commands: `silo` (one Orleans silo of a cluster: campaign and work grains; there is no orchestrator
/// process) and `silos [list|drain|resume]`, each given the cluster as one address, `--cluster postgres://...`;
/// and `bench grid` / `bench faults`, which start the grid harness (tools/MolGrid.Harness) as a child process.
/// </summary>
public static class GridCommands
{
    public static void AddTo(RootCommand root)
    {
        root.Subcommands.Add(Silo());
        root.Subcommands.Add(Silos());
        var bench = BenchCommand.Of(root);
        bench.Subcommands.Add(GridBenchCommand.Create());
        bench.Subcommands.Add(FaultsCommand.Create());
    }

    internal static Option<string> ClusterOption() => new("--cluster")
    {
        Description = "Orleans cluster: postgres://user:pass@host[:port]/db (membership, grain state, reminders and the grid store)",
        Required = true,
    };

    private static Command Silo()
    {
        var cluster = ClusterOption();
        var roles = new Option<string>("--roles") { Description = "Work this silo takes: any of cpu,gpu,docking", DefaultValueFactory = _ => "cpu" };
        var slots = new Option<int>("--slots") { Description = "Batches worked on at once", DefaultValueFactory = _ => Math.Max(1, Environment.ProcessorCount) };
        var port = new Option<int>("--port") { Description = "Silo-to-silo port (0: a free one)", DefaultValueFactory = _ => 11111 };
        var gateway = new Option<int>("--gateway-port") { Description = "Client gateway port (0: a free one)", DefaultValueFactory = _ => 30000 };
        var address = new Option<string?>("--address") { Description = "The IP other silos and clients reach this one on (default 127.0.0.1)" };
        var kubernetes = new Option<bool>("--kubernetes")
        {
            Description = "Running in a Kubernetes pod: Orleans' Kubernetes hosting (silo name and IP from the pod; silos whose pods are gone are declared dead, pods of dead silos deleted). Needs POD_NAME, POD_NAMESPACE and POD_IP (deploy/k8s sets them).",
        };
        var cmd = new Command("silo", "Start a worker node: an Orleans silo of --cluster hosting campaign grains and the work grains of its roles; runs until SIGINT/SIGTERM.")
            { cluster, roles, slots, port, gateway, address, kubernetes };
        cmd.SetAction((p, ct) =>
        {
            if (p.GetValue(slots) < 1) throw new GridConfigException(p.GetValue(slots).ToString(), "--slots must be at least 1");
            return OrleansSiloHost.RunAsync(new OrleansSiloSettings(p.GetValue(cluster)!)
            {
                Roles = p.GetValue(roles)!, Slots = p.GetValue(slots), SiloPort = p.GetValue(port), GatewayPort = p.GetValue(gateway), Address = p.GetValue(address),
                Kubernetes = p.GetValue(kubernetes), SpecDirectory = Path.Combine(MolGridPaths.Samples, "design"),
            }, ct);
        });
        return cmd;
    }

    private static Command Silos()
    {
        var cluster = ClusterOption();
        var cmd = new Command("silos", "List the cluster's silos (roles, slots, load, state, batches done, last load report); `drain ID` / `resume ID`.") { cluster };
        cmd.SetAction(async (p, ct) =>
        {
            await using var registry = await OpenRegistryAsync(p.GetValue(cluster)!, ct);
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
        var id = new Argument<string>("ID") { Description = "Silo id as `molgrid silos` lists it" };
        var cmd = new Command(name, description) { id, cluster };
        cmd.SetAction(async (p, ct) =>
        {
            await using var registry = await OpenRegistryAsync(p.GetValue(cluster)!, ct);
            var siloId = p.GetValue(id)!;
            if (!await act(registry.Registry, siloId, ct))
                throw new GridConfigException(siloId, "no such silo");
            Console.WriteLine($"{name} recorded for {siloId}; placement acts on it within a second");
            return CliRunner.Ok;
        });
        return cmd;
    }

    /// <summary>The silo registry of an Orleans cluster, through a cluster client started for the command.</summary>
    private static async Task<RegistryHandle> OpenRegistryAsync(string cluster, CancellationToken ct)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddMolGridClusterClient(cluster, TimeSpan.FromSeconds(10));
        var host = builder.Build();
        try { await host.StartAsync(ct); }
        catch (Exception e) when (e is not GridConfigException and not OperationCanceledException)
        {
            host.Dispose();
            throw new InvalidOperationException($"cannot reach the cluster at {cluster}: {e.Message}", e);
        }
        return new RegistryHandle(host);
    }

    private sealed class RegistryHandle(IHost host) : IAsyncDisposable
    {
        public ISiloRegistry Registry { get; } = host.Services.GetRequiredService<ISiloRegistry>();

        public async ValueTask DisposeAsync()
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try { await host.StopAsync(stop.Token); } finally { host.Dispose(); }
        }
    }
}
