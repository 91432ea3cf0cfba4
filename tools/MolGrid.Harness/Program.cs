using System.CommandLine;
using MolGrid;
using MolGrid.Harness;
using MolGrid.Harness.Scratch;
using MolGrid.Silo;

// molgrid-harness: the grid's benchmark and fault harness, outside the product. `molgrid bench grid|faults`
// start it as a child process; tests reference it. Exit codes as the CLI's: 0 ok, 1 failure, 2 bad input.
var root = new RootCommand("MolGrid's grid benchmark and fault harness (the synthetic test engine lives here, never in the product).");
root.Subcommands.Add(GridCommand());
root.Subcommands.Add(FaultsCommand());
root.Subcommands.Add(SiloCommand());

var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    foreach (var e in parsed.Errors) Console.Error.WriteLine($"error: {e.Message}");
    return 2;
}
try
{
    return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = TimeSpan.FromSeconds(30) });
}
catch (Exception e) when ((e is AggregateException { InnerExceptions.Count: 1 } a ? a.InnerExceptions[0] : e) is InvalidInputException bad)
{
    Console.Error.WriteLine($"error: {bad.Message}");
    return 2;
}
catch (OperationCanceledException)
{
    Console.Error.WriteLine("interrupted");
    return 130;
}

static Command GridCommand()
{
    var silos = new Option<string>("--silos") { Description = "Silo counts to run, comma-separated", DefaultValueFactory = _ => "1,2,4,8" };
    var slots = new Option<int>("--slots") { Description = "Slots per silo", DefaultValueFactory = _ => 4 };
    var latency = new Option<int>("--latency-ms") { Description = "Synthetic scorer latency per molecule (Task.Delay: an accelerator stand-in)", DefaultValueFactory = _ => 20 };
    var batch = new Option<int>("--batch-size") { DefaultValueFactory = _ => 32 };
    var waves = new Option<int>("--waves") { Description = "Batches per silo slot in each round (round size = silos x slots x waves x batch)", DefaultValueFactory = _ => 4 };
    var rounds = new Option<int>("--rounds") { DefaultValueFactory = _ => 4 };
    var admin = new Option<string>("--pg-admin") { Description = "Npgsql connection string used to create the scratch databases", DefaultValueFactory = _ => PostgresScratch.DefaultAdmin };
    var cmd = new Command("grid", "Scale benchmark: a synthetic campaign on 1..N Orleans silos; prints throughput, parallel efficiency and grid overhead per batch.")
        { silos, slots, latency, batch, waves, rounds, admin };
    cmd.SetAction(async (p, ct) =>
    {
        var counts = new List<int>();
        foreach (var t in p.GetValue(silos)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            counts.Add(int.TryParse(t, out var n) && n > 0 ? n : throw new InvalidInputException(t, "--silos takes positive silo counts, comma-separated"));
        foreach (var (name, v) in new[] { ("--slots", p.GetValue(slots)), ("--latency-ms", p.GetValue(latency)), ("--batch-size", p.GetValue(batch)), ("--waves", p.GetValue(waves)), ("--rounds", p.GetValue(rounds)) })
            if (v < 1) throw new InvalidInputException(v.ToString(), $"{name} must be at least 1");
        await GridBench.RunAsync(new GridBenchSettings(counts, p.GetValue(slots), p.GetValue(latency), p.GetValue(batch), p.GetValue(waves), p.GetValue(rounds))
            { PostgresAdmin = p.GetValue(admin)! }, Console.Out, ct);
        return 0;
    });
    return cmd;
}

static Command FaultsCommand()
{
    var only = new Option<string?>("--only") { Description = "Run only these scenarios (comma-separated): " + string.Join(", ", FaultSuite.Scenarios) };
    var admin = new Option<string>("--pg-admin") { Description = "Npgsql connection string used to create the scratch databases", DefaultValueFactory = _ => PostgresScratch.DefaultAdmin };
    var cmd = new Command("faults", "Fault suite: silo child processes on scratch PostgreSQL databases; prints one line per scenario and, last, `faults P/T lost=N duplicated=N`.") { only, admin };
    cmd.SetAction(async (p, ct) =>
    {
        var names = p.GetValue(only)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var summary = await FaultSuite.RunAsync(names, MolgridChild.HarnessDll, Console.Out, ct, p.GetValue(admin)!);
        return summary.Passed == summary.Total ? 0 : 1;
    });
    return cmd;
}

static Command SiloCommand()
{
    var cluster = new Option<string>("--cluster") { Description = "Orleans cluster: postgres://user:pass@host[:port]/db", Required = true };
    var roles = new Option<string>("--roles") { DefaultValueFactory = _ => "cpu" };
    var slots = new Option<int>("--slots") { DefaultValueFactory = _ => 2 };
    var port = new Option<int>("--port") { Description = "Advertised silo-to-silo port (0: a free one)", DefaultValueFactory = _ => 0 };
    var gateway = new Option<int>("--gateway-port") { Description = "Advertised gateway port (0: a free one)", DefaultValueFactory = _ => 0 };
    var cmd = new Command("silo", "A product silo (`molgrid silo --cluster` composition) plus the synthetic engine and fast failure detection, for fault runs.")
        { cluster, roles, slots, port, gateway };
    cmd.SetAction((p, ct) => HarnessSilo.RunAsync(new OrleansSiloSettings(p.GetValue(cluster)!)
    {
        Roles = p.GetValue(roles)!, Slots = p.GetValue(slots), SiloPort = p.GetValue(port), GatewayPort = p.GetValue(gateway),
    }, ct));
    return cmd;
}
