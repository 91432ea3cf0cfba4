using System.Diagnostics;

namespace MolGrid.Cli.Commands;

/// <summary>
/// Runs the benchmark and fault harness (tools/MolGrid.Harness, `molgrid-harness`) as a child process. The CLI
/// never references the harness assembly: the synthetic test engine it carries must not be loadable by a
/// product process, so `molgrid bench grid|faults` only start it and pass its exit code on.
/// </summary>
internal static class HarnessProcess
{
    /// <summary>Where `dotnet build MolGrid.sln -c Release` (scripts/setup.sh) puts it.</summary>
    public static string Dll => Path.Combine(MolGridPaths.Home, "tools", "MolGrid.Harness", "bin", "Release", "net10.0", "molgrid-harness.dll");

    public static async Task<int> RunAsync(string command, IReadOnlyList<string> args, CancellationToken ct)
    {
        if (!File.Exists(Dll)) throw new HarnessNotBuiltException(Dll);
        var psi = new ProcessStartInfo("dotnet") { UseShellExecute = false };
        psi.ArgumentList.Add(Dll);
        psi.ArgumentList.Add(command);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["MOLGRID_HOME"] = MolGridPaths.Home;
        using var child = Process.Start(psi)!;
        try
        {
            await child.WaitForExitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C / SIGTERM: let the harness stop its own silos and drop its scratch databases.
            using (var term = Process.Start("kill", ["-TERM", child.Id.ToString()])) await term.WaitForExitAsync(CancellationToken.None);
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(25));
            try { await child.WaitForExitAsync(grace.Token); }
            catch (OperationCanceledException) { child.Kill(entireProcessTree: true); }
            return CliRunner.Interrupted;
        }
        return child.ExitCode;
    }
}

/// <summary>`molgrid bench grid|faults` before the harness is built: a setup problem the user can fix (exit 2).</summary>
internal sealed class HarnessNotBuiltException(string dll)
    : InvalidInputException(dll, "the grid harness (tools/MolGrid.Harness) is not built; run `dotnet build MolGrid.sln -c Release` (scripts/setup.sh does)");
