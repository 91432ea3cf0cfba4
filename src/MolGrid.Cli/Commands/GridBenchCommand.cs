using System.CommandLine;

namespace MolGrid.Cli.Commands;

/// <summary>`molgrid bench grid`: runs `molgrid-harness grid` with the options given (see <see cref="HarnessProcess"/>).</summary>
internal static class GridBenchCommand
{
    public static Command Create()
    {
        var cmd = new Command("grid",
            "Scale benchmark on Orleans (runs the harness, tools/MolGrid.Harness): a synthetic campaign on 1, 2, 4, 8 silos; prints throughput, " +
            "parallel efficiency and grid overhead per batch. Options, passed through: [--silos 1,2,4,8] [--slots 4] [--latency-ms 20] " +
            "[--batch-size 32] [--waves 4] [--rounds 4] [--pg-admin CONNECTION]")
        { TreatUnmatchedTokensAsErrors = false };
        cmd.SetAction((p, ct) => HarnessProcess.RunAsync("grid", p.UnmatchedTokens, ct));
        return cmd;
    }
}
