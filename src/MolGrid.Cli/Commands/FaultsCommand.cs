using System.CommandLine;
using MolGrid.Silo;

namespace MolGrid.Cli.Commands;

internal static class FaultsCommand
{
    public static Command Create()
    {
        var only = new Option<string?>("--only") { Description = "Run only these scenarios (comma-separated): silo-kill, orchestrator-kill, broker-restart, bad-scorer" };
        var cmd = new Command("faults", "Fault suite against a private RabbitMQ node and scratch PostgreSQL databases, with silos and orchestrators as child processes; prints, last, `faults P/T lost=N duplicated=N`.") { only };
        cmd.SetAction(async (p, ct) =>
        {
            var names = p.GetValue(only)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var summary = await FaultSuite.RunAsync(names, MolGrid.Silo.Scratch.MolgridChild.DefaultDll, Console.Out, ct);
            return summary.Passed == summary.Total ? CliRunner.Ok : CliRunner.Failure;
        });
        return cmd;
    }
}
