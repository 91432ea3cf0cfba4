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
            var stacks = NativeStacks(p.Id);
            p.Kill(true);
            p.WaitForExit();
            // What it printed so far says where it stalled; the native stacks say whether RDKit or a lock holds it.
            throw new TimeoutException($"molgrid {string.Join(' ', args)} did not finish in {limit.TotalMinutes} minutes; stdout so far:\n{stdout.Result}\nstderr so far:\n{stderr.Result}\nnative stacks:\n{stacks}");
        }
        return new Result(p.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Every thread's native backtrace of a stalled child, through gdb when the machine has it.</summary>
    private static string NativeStacks(int pid)
    {
        try
        {
            var psi = new ProcessStartInfo("gdb") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { "-p", pid.ToString(), "-batch", "-ex", "thread apply all bt 25" }) psi.ArgumentList.Add(a);
            using var gdb = Process.Start(psi)!;
            var text = gdb.StandardOutput.ReadToEndAsync();
            _ = gdb.StandardError.ReadToEndAsync();
            if (!gdb.WaitForExit(TimeSpan.FromMinutes(1))) { gdb.Kill(true); return "(gdb did not finish)"; }
            var lines = text.Result.Split('\n').Where(l => l.StartsWith('#') || l.StartsWith("Thread ")).ToArray();
            return string.Join('\n', lines.Take(2000));
        }
        catch (System.ComponentModel.Win32Exception) { return "(no gdb on this machine)"; }
    }

    public static string RepoRoot { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MolGrid.sln"))) return dir.FullName;
        throw new InvalidOperationException("MolGrid.sln not found above the test directory");
    }
}
