using System.CommandLine;

namespace MolGrid.Cli.Commands;

/// <summary>`molgrid bench faults`: runs `molgrid-harness faults` with the options given (see <see cref="HarnessProcess"/>).</summary>
internal static class FaultsCommand
{
    public static Command Create()
    {
        var cmd = new Command("faults",
            "Fault suite on Orleans (runs the harness, tools/MolGrid.Harness): silo child processes on scratch PostgreSQL databases, " +
            "each scenario ending in a completed campaign checked against an undisturbed run; prints, last, `faults P/T lost=N duplicated=N`. " +
            "Options, passed through: [--only silo-kill,grain-silo-kill,postgres-restart,scorer-throws,scorer-hangs,poison-batch,partition]")
        { TreatUnmatchedTokensAsErrors = false };
        cmd.SetAction((p, ct) => HarnessProcess.RunAsync("faults", p.UnmatchedTokens, ct));
        return cmd;
    }
}
