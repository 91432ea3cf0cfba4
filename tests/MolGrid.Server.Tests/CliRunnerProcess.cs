using System.Diagnostics;

namespace MolGrid.Server.Tests;

/// <summary>Runs the built `molgrid` CLI as a child process, as a user would.</summary>
internal static class CliRunnerProcess
{
    public sealed record Result(int ExitCode, string StdOut, string StdErr);

    public static Result Run(IDictionary<string, string>? env, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "molgrid.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment.Remove("MOLGRID_SERVER");
        psi.Environment.Remove("MOLGRID_API_KEY");
        foreach (var (k, v) in env ?? new Dictionary<string, string>()) psi.Environment[k] = v;
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(3))) { p.Kill(true); throw new TimeoutException($"molgrid {string.Join(' ', args)} did not finish"); }
        return new Result(p.ExitCode, stdout.Result, stderr.Result);
    }
}
