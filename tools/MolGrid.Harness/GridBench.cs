using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MolGrid.Grains;
using MolGrid.Grains.Configuration;
using MolGrid.Harness.Scratch;
using MolGrid.Harness.Synthetic;

namespace MolGrid.Harness;

public sealed record GridBenchSettings(IReadOnlyList<int> SiloCounts, int SlotsPerSilo, int LatencyMs, int BatchSize, int Waves, int Rounds)
{
    public string PostgresAdmin { get; init; } = PostgresScratch.DefaultAdmin;
}

/// <summary>
/// `molgrid-harness grid` (`molgrid bench grid`): one synthetic campaign shape on 1..N Orleans silos. Each silo
/// is a real Orleans silo host in this process (its own DI container, its own silo and gateway ports on
/// loopback), joined through ADO.NET clustering on a scratch PostgreSQL database per run (so the score cache
/// starts empty); the campaign is submitted through a cluster client, as `serve --cluster` does. In-process
/// rather than child processes: on two shared cores, eight extra .NET runtimes (JIT, GC and thread pools each)
/// would measure process contention more than the grid; the silos still talk to each other only over TCP and
/// PostgreSQL. Weak scaling: a round holds silos x slots x waves batches.
/// </summary>
public static class GridBench
{
    public sealed record Row(int Silos, int Molecules, int Batches, double WallSeconds, double IdealWallSeconds, double MoleculesPerSecond,
        double IdealPerSecond, double OverheadMsPerBatch, double SteadyOverheadMsPerBatch, double CpuMsPerBatch, int SilosUsed, double Spread);

    public static async Task<IReadOnlyList<Row>> RunAsync(GridBenchSettings s, TextWriter output, CancellationToken ct)
    {
        output.WriteLine("grid bench: Orleans silos as in-process hosts (own container, own loopback ports each), ADO.NET clustering + grid store on PostgreSQL (own database per run), campaign submitted by a cluster client");
        output.WriteLine($"workload: synthetic scorer {s.LatencyMs} ms/molecule (Task.Delay, an accelerator stand-in), batch {s.BatchSize}, {s.SlotsPerSilo} slots/silo, " +
                         $"weak scaling: round = silos x slots x {s.Waves} batches, {s.Rounds} rounds; baseline = the 1-silo run");
        var rows = new List<Row>();
        foreach (var n in s.SiloCounts)
        {
            var r = await RunOneAsync(s, n, ct);
            rows.Add(r);
            output.WriteLine($"  ran {n} silo(s): {r.Molecules} molecules in {r.WallSeconds:0.00} s, batches done on {r.SilosUsed} silo(s) (load average {LoadAverage()})");
        }
        var baseline = rows.FirstOrDefault(r => r.Silos == 1);
        output.WriteLine();
        output.WriteLine($"{"silos",5} {"molecules",9} {"batches",7} {"wall_s",7} {"ideal_s",7} {"mol/s",8} {"ideal",8} {"efficiency",10} {"overhead_ms/batch",17} {"steady_overhead_ms/batch",24} {"cpu_ms/batch",12} {"spread",6}");
        foreach (var r in rows)
        {
            var eff = baseline is null ? double.NaN : r.MoleculesPerSecond / (r.Silos * baseline.MoleculesPerSecond);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{r.Silos,5} {r.Molecules,9} {r.Batches,7} {r.WallSeconds,7:0.00} {r.IdealWallSeconds,7:0.00} {r.MoleculesPerSecond,8:0.0} {r.IdealPerSecond,8:0.0} {eff,10:0.000} {r.OverheadMsPerBatch,17:0.00} {r.SteadyOverheadMsPerBatch,24:0.00} {r.CpuMsPerBatch,12:0.00} {r.Spread,6:0.00}"));
        }
        output.WriteLine("overhead_ms/batch = (wall - ideal wall) / batches each slot ran: time a slot was not scoring, per batch. " +
                         "steady_overhead_ms/batch = the same for rounds after the first only (round duration between the store's round records - the ideal round, per batch a slot ran): without submission, first activation and plan build. " +
                         "cpu_ms/batch = this process's CPU (all silos and the client, not PostgreSQL) per batch. " +
                         "spread = batches on the busiest silo / batches per silo if even (1.00 = even; a silo given more than slots x waves batches a round queues them, and the round waits for it).");
        var last = rows[^1];
        if (baseline is not null)
        {
            var eff = last.MoleculesPerSecond / (last.Silos * baseline.MoleculesPerSecond);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"grid bench: efficiency@{last.Silos}={eff:0.000} (target >= 0.9), overhead per batch={last.OverheadMsPerBatch:0.00} ms (target < 5)"));
        }
        return rows;
    }

    private static async Task<Row> RunOneAsync(GridBenchSettings s, int silos, CancellationToken ct)
    {
        await using var db = await PostgresScratch.CreateAsync("molgrid_bench", s.PostgresAdmin);
        var store = StoreAddress.Parse(db.Url);
        var hosts = new List<IHost>();
        try
        {
            for (var i = 0; i < silos; i++)
                hosts.Add(await StartSiloAsync(store, s.SlotsPerSilo, ct));
            var client = await HarnessClient.StartAsync(db.Url, TimeSpan.FromSeconds(60),
                b => b.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Error), ct);
            hosts.Add(client);
            var campaigns = client.Services.GetRequiredService<ICampaignService>();
            var registry = client.Services.GetRequiredService<ISiloRegistry>();
            await WaitUntilAsync(async () => (await registry.ListAsync(ct)).Count(x => x.State == SiloState.Active && x.Slots > 0) >= silos, TimeSpan.FromSeconds(60), "silos to report");

            var roundSize = silos * s.SlotsPerSilo * s.Waves * s.BatchSize;
            var spec = new SyntheticSpec
            {
                Name = $"bench-{silos}", Seed = 20261201, Budget = roundSize * s.Rounds, RoundSize = roundSize, BatchSize = s.BatchSize,
                LatencyMs = s.LatencyMs, Population = 64, Components = ["cpu"],
            };
            // Warm-up (JIT, connection pools, grain activations) on other molecules (another seed), not measured.
            var warm = spec with { Seed = 1, Name = "warm-up", RoundSize = silos * s.SlotsPerSilo * s.BatchSize, Budget = silos * s.SlotsPerSilo * s.BatchSize * 2 };
            await RunCampaignAsync(campaigns, warm, ct);
            var batchesBefore = await BatchesBySiloAsync(registry, ct);
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var done = await RunCampaignAsync(campaigns, spec, ct);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            // The load board is refreshed every second: wait for the silos' last reports before counting.
            await Task.Delay(TimeSpan.FromSeconds(1.5), ct);
            var perSilo = (await BatchesBySiloAsync(registry, ct)).Select(kv => kv.Value - batchesBefore.GetValueOrDefault(kv.Key)).Where(n => n > 0).ToList();

            // Campaign wall time from the store's own timestamps (submission to completion).
            var wall = (done.FinishedAt!.Value - done.CreatedAt).TotalSeconds;
            var batches = done.OracleCalls / s.BatchSize;
            var slots = silos * s.SlotsPerSilo;
            var idealWall = s.Rounds * s.Waves * s.BatchSize * s.LatencyMs / 1000.0;
            var overhead = (wall - idealWall) * 1000.0 / (batches / (double)slots);
            var steady = await SteadyRoundOverheadAsync(campaigns, done.Id, s.Waves * s.BatchSize * s.LatencyMs, s.Waves, ct);
            return new Row(silos, done.OracleCalls, batches, wall, idealWall, done.OracleCalls / wall, slots * 1000.0 / s.LatencyMs,
                overhead, steady, cpu.TotalMilliseconds / Math.Max(1, batches), perSilo.Count,
                perSilo.Count == 0 ? double.NaN : perSilo.Max() / (perSilo.Sum() / (double)silos));
        }
        finally
        {
            foreach (var h in Enumerable.Reverse(hosts))
            {
                using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                try { await h.StopAsync(stop.Token); } catch (Exception) { }
                h.Dispose();
            }
        }
    }

    private static async Task<CampaignInfo> RunCampaignAsync(ICampaignService campaigns, SyntheticSpec spec, CancellationToken ct)
    {
        var info = await campaigns.SubmitAsync(new CampaignSubmission(spec.Render(), "bench"), ct);
        CampaignInfo? done = null;
        await WaitUntilAsync(async () => (done = await campaigns.GetAsync(info.Id, ct))!.Status is CampaignStatus.Completed or CampaignStatus.Failed or CampaignStatus.Cancelled,
            TimeSpan.FromMinutes(10), $"campaign {spec.Name}", pollMs: 250);
        if (done!.Status != CampaignStatus.Completed) throw new InvalidOperationException($"benchmark campaign {spec.Name} ended {done.Status}: {done.Error}");
        return done;
    }

    /// <summary>Rounds after the first (so neither submission nor the first activation counts): the mean of
    /// (round duration, between the store's round records, - the ideal round) per batch each slot ran in it.</summary>
    private static async Task<double> SteadyRoundOverheadAsync(ICampaignService campaigns, string id, double idealRoundMs, int batchesPerSlot, CancellationToken ct)
    {
        var rounds = (await campaigns.GetProgressAsync(id, ct)).OrderBy(r => r.Round).ToList();
        if (rounds.Count < 2) return double.NaN;
        return Enumerable.Range(1, rounds.Count - 1).Average(i => ((rounds[i].At - rounds[i - 1].At).TotalMilliseconds - idealRoundMs) / batchesPerSlot);
    }

    private static async Task<Dictionary<string, long>> BatchesBySiloAsync(ISiloRegistry registry, CancellationToken ct) =>
        (await registry.ListAsync(ct)).ToDictionary(s => s.Id, s => s.BatchesDone);

    private static async Task<IHost> StartSiloAsync(StoreAddress store, int slots, CancellationToken ct)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Error);
        builder.UseOrleans(silo => silo.AddMolGridOrleans(o =>
        {
            o.Store = store;
            o.Roles = ["cpu"];
            o.Slots = slots;
            o.SiloPort = 0;
            o.GatewayPort = 0;
            o.OrleansLogLevel = LogLevel.Error;
        }).UseMolGridSyntheticEngine());
        var host = builder.Build();
        await host.StartAsync(ct);
        return host;
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    /// <summary>Polls <paramref name="condition"/> (every <paramref name="pollMs"/> ms) until it holds; an exception
    /// before the deadline counts as "not yet" (a silo or the store still starting).</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, int pollMs = 20)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try { if (await condition()) return; }
            catch (Exception) when (DateTime.UtcNow < deadline) { }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"timed out waiting for {what}");
            await Task.Delay(pollMs);
        }
    }
}
