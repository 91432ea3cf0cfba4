using System.Diagnostics;

namespace MolGrid.Cli.Tests;

/// <summary>Runs the built `molgrid` CLI as a separate process, as a user would, so that a crash in native
/// code shows up as a dead process rather than killing the test host.</summary>
public static class CliProcess
{
    public sealed record Result(int ExitCode, string StdOut, string StdErr);

    public static Result Run(params string[] args) => RunWithInput(null, args);

    /// <summary>Like <see cref="Run"/>, with a longer limit for commands that run whole campaigns.</summary>
    public static Result RunFor(TimeSpan limit, params string[] args) => RunWithInput(null, args, limit);

    public static Result RunWithInput(string? stdin, params string[] args) => RunWithInput(stdin, args, TimeSpan.FromMinutes(5));

    private static Result RunWithInput(string? stdin, string[] args, TimeSpan limit)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "molgrid.dll");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = stdin is not null };
        psi.ArgumentList.Add(dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["MOLGRID_HOME"] = RepoRoot;
        using var p = Process.Start(psi)!;
        if (stdin is not null) { p.StandardInput.Write(stdin); p.StandardInput.Close(); }
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(limit))
        {
            p.Kill(true);
            p.WaitForExit();
            // What it printed so far says where it stalled.
            throw new TimeoutException($"molgrid {string.Join(' ', args)} did not finish in {limit.TotalMinutes} minutes; stdout so far:\n{stdout.Result}\nstderr so far:\n{stderr.Result}");
        }
        return new Result(p.ExitCode, stdout.Result, stderr.Result);
    }

    public static string RepoRoot { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MolGrid.sln"))) return dir.FullName;
        throw new InvalidOperationException("MolGrid.sln not found above the test directory");
    }
}
