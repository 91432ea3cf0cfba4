using System.CommandLine;
using MolGrid.Silo;

namespace MolGrid.Cli.Commands;

internal static class GridBenchCommand
{
    public static Command Create()
    {
        var silos = new Option<string>("--silos") { Description = "Silo counts to run, comma-separated", DefaultValueFactory = _ => "1,2,4,8" };
        var slots = new Option<int>("--slots") { Description = "Slots per silo", DefaultValueFactory = _ => 4 };
        var latency = new Option<int>("--latency-ms") { Description = "Synthetic scorer latency per molecule (Task.Delay: an accelerator stand-in)", DefaultValueFactory = _ => 20 };
        var batch = new Option<int>("--batch-size") { DefaultValueFactory = _ => 32 };
        var waves = new Option<int>("--waves") { Description = "Batches per silo slot in each round (round size = silos x slots x waves x batch)", DefaultValueFactory = _ => 4 };
        var rounds = new Option<int>("--rounds") { DefaultValueFactory = _ => 2 };
        var rabbit = new Option<string>("--rabbit-node") { Description = "rabbitmqctl node hosting the benchmark's own vhost (default: the local default node)" };
        var port = new Option<int>("--rabbit-port") { DefaultValueFactory = _ => 5672 };
        var admin = new Option<string>("--pg-admin") { Description = "Npgsql connection string used to create the scratch database", DefaultValueFactory = _ => MolGrid.Silo.Scratch.PostgresScratch.DefaultAdmin };
        var cmd = new Command("grid", "Scale benchmark: one synthetic campaign on 1..N in-process silos over real RabbitMQ and PostgreSQL; prints throughput, parallel efficiency and orchestration overhead per batch.")
            { silos, slots, latency, batch, waves, rounds, rabbit, port, admin };
        cmd.SetAction(async (p, ct) =>
        {
            var counts = p.GetValue(silos)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(int.Parse).ToList();
            await GridBench.RunAsync(new GridBenchSettings(counts, p.GetValue(slots), p.GetValue(latency), p.GetValue(batch), p.GetValue(waves), p.GetValue(rounds))
            {
                RabbitNode = p.GetValue(rabbit), RabbitPort = p.GetValue(port), PostgresAdmin = p.GetValue(admin)!,
            }, Console.Out, ct);
            return CliRunner.Ok;
        });
        return cmd;
    }
}
