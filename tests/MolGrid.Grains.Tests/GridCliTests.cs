using System.Diagnostics;
using MolGrid.Harness.Scratch;

namespace MolGrid.Grains.Tests;

/// <summary>The grid's CLI commands, run as a user would (the built molgrid as a child process).</summary>
public sealed class GridCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("molgrid-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private static (int Code, string Out, string Err) Molgrid(params string[] args) => MolgridIn(MolgridChild.RepoRoot, args);

    private static (int Code, string Out, string Err) MolgridIn(string home, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(MolgridChild.DefaultDll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["MOLGRID_HOME"] = home;
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(120_000)) { p.Kill(); throw new TimeoutException(); }
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>`molgrid bench grid` at a toy size: the CLI starts the harness (tools/MolGrid.Harness) with the
    /// options given, which runs Orleans silos on a scratch PostgreSQL database, scores exactly the molecules its
    /// settings ask for, and prints the table and the summary line (figures are not judged).</summary>
    [Fact]
    public void BenchGridRunsTheHarnessAtAToySizeAndPrintsItsTableAndSummary()
    {
        var (code, stdout, stderr) = Molgrid("bench", "grid", "--silos", "1,2", "--slots", "2", "--waves", "1", "--batch-size", "4", "--rounds", "2", "--latency-ms", "5");
        Assert.True(code == 0, stderr + stdout);
        // Weak scaling: a round holds silos x slots x waves x batch molecules.
        Assert.Matches(@"\n\s+1\s+16\s+4\s", stdout);
        Assert.Matches(@"\n\s+2\s+32\s+8\s", stdout);
        Assert.Matches(@"grid bench: efficiency@2=\d\.\d{3} \(target >= 0\.9\), overhead per batch=-?\d+\.\d\d ms \(target < 5\)\n?$", stdout);
    }

    /// <summary>The harness's exit code comes back through the CLI (bad input there is 2 here), and without a
    /// built harness `bench` says so (exit 2) instead of failing obscurely.</summary>
    [Fact]
    public void BenchPassesTheHarnessExitCodeOnAndNamesAMissingHarness()
    {
        var unknown = Molgrid("bench", "faults", "--only", "no-such-fault");
        Assert.True(unknown.Code == 2, unknown.Err);
        Assert.Contains("no-such-fault", unknown.Err);

        var missing = MolgridIn(_dir, "bench", "grid", "--silos", "1");
        Assert.Equal(2, missing.Code);
        Assert.Contains("not built", missing.Err);
        Assert.DoesNotContain("   at ", missing.Err);
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
