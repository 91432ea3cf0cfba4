using System.Diagnostics;
using MolGrid.Grains.Configuration;
using MolGrid.Grains.Store;
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

    /// <summary>The scaling benchmark at a toy size, on the real RabbitMQ and PostgreSQL: it runs, scores exactly
    /// the molecules its settings ask for, and prints the table and the summary line (figures are not judged).</summary>
    [Fact]
    public void BenchGridRunsAtAToySizeAndPrintsItsTableAndSummary()
    {
        var (code, stdout, stderr) = Molgrid("bench", "grid", "--silos", "1,2", "--slots", "2", "--waves", "1", "--batch-size", "4", "--rounds", "1", "--latency-ms", "5");
        Assert.True(code == 0, stderr + stdout);
        // Weak scaling: a round holds silos x slots x waves x batch molecules.
        Assert.Matches(@"\n\s+1\s+8\s+2\s", stdout);
        Assert.Matches(@"\n\s+2\s+16\s+4\s", stdout);
        Assert.Matches(@"silo\(s\): .*plan=\d+\.\d\d.*store=\d+\.\d\d", stdout);
        Assert.Matches(@"grid bench: efficiency@2=\d\.\d{3} \(target >= 0\.9\), orchestration overhead per batch \(worst run\)=\d+\.\d\d ms \(target < 5\), silo time outside the scorer per batch \(worst run\)=\d+\.\d\d ms\n?$", stdout);
    }

    [Fact]
    public async Task SilosListsWhatTheSiloTableHoldsAndDrainMarksIt()
    {
        var store = "sqlite:" + Path.Combine(_dir, "grid.db");
        var gridStore = new GridStore(StoreAddress.Parse(store));
        var now = GridStore.Now;
        await gridStore.HeartbeatAsync(new SiloRow { Id = "gpu-node-7", Host = "h7", Roles = "gpu,docking", Slots = 6, Busy = 4, State = "Active", StartedAt = now - 5000, LastHeartbeat = now, BatchesDone = 42 }, default);

        var list = Molgrid("silos", "--store", store);
        Assert.Equal(0, list.Code);
        var line = Assert.Single(list.Out.Split('\n'), l => l.StartsWith("gpu-node-7"));
        Assert.Matches(@"gpu-node-7\s+h7\s+gpu,docking\s+6\s+4\s+Active\s+42", line);

        var drain = Molgrid("silos", "drain", "gpu-node-7", "--store", store);
        Assert.Equal(0, drain.Code);
        Assert.Equal("Drained", (await gridStore.ListSilosAsync(default)).Single().DesiredState);
    }

    [Fact]
    public void UnknownSiloOrBadSettingsAreBadInputWithoutStackTrace()
    {
        var store = "sqlite:" + Path.Combine(_dir, "grid.db");
        foreach (var args in new[]
        {
            new[] { "silos", "drain", "no-such-silo", "--store", store },
            new[] { "silo", "--bus", "rabbitmq://127.0.0.1:5672", "--store", store, "--roles", "cpu,tpu" },
            new[] { "silo", "--bus", "ftp://x", "--store", store },
            new[] { "orchestrator", "--store", "mysql://db/x" },
        })
        {
            var r = Molgrid(args);
            Assert.True(r.Code == 2, $"{string.Join(' ', args)} -> {r.Code}: {r.Err}");
            Assert.StartsWith("error:", r.Err.Trim());
            Assert.DoesNotContain("   at ", r.Err);
        }
    }
}
