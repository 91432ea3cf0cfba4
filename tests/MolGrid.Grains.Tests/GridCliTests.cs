using System.Diagnostics;
using MolGrid.Silo.Scratch;

namespace MolGrid.Grains.Tests;

/// <summary>The grid's CLI commands, run as a user would (the built molgrid as a child process).</summary>
public sealed class GridCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("molgrid-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private static (int Code, string Out, string Err) Molgrid(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(MolgridChild.DefaultDll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["MOLGRID_HOME"] = MolgridChild.RepoRoot;
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(120_000)) { p.Kill(); throw new TimeoutException(); }
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    [Fact]
    /// <summary>The grid is Orleans only: the MassTransit grid's commands and options are gone, and asking for
    /// them, or for a silo without its cluster, is bad input.</summary>
    public void MassTransitCommandsAndSilosWithoutAClusterAreBadInputWithoutStackTrace()
    {
        var store = "sqlite:" + Path.Combine(_dir, "grid.db");
        foreach (var args in new[]
        {
            new[] { "silo", "--roles", "cpu" },
            new[] { "silos" },
            new[] { "silos", "drain", "no-such-silo" },
            new[] { "silo", "--bus", "rabbitmq://127.0.0.1:5672", "--store", store },
            new[] { "orchestrator", "--store", "postgres://molgrid@127.0.0.1/x" },
            new[] { "serve", "--bus", "rabbitmq://127.0.0.1:5672", "--data", _dir },
        })
        {
            var r = Molgrid(args);
            Assert.True(r.Code == 2, $"{string.Join(' ', args)} -> {r.Code}: {r.Err}");
            Assert.StartsWith("error:", r.Err.Trim());
            Assert.DoesNotContain("   at ", r.Err);
        }
    }
}
