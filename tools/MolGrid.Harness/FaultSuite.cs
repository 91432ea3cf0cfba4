using System.Diagnostics;
using MolGrid.Harness.Scratch;

namespace MolGrid.Harness;

/// <summary>
/// The grid's fault suite on Orleans: real `molgrid-harness silo` child processes (the product silo plus the
/// synthetic engine, see <see cref="HarnessSilo"/>) on a scratch PostgreSQL database per scenario; the
/// postgres-restart scenario gets a private PostgreSQL server of its own (<see cref="PrivatePostgres"/>), so
/// the shared one is never stopped. Each scenario ends in a completed campaign, checked against the
/// undisturbed ranking (<see cref="SyntheticReference"/>): nothing lost, nothing stored twice.
/// </summary>
public static class FaultSuite
{
    public static IReadOnlyList<string> Scenarios { get; } =
        ["silo-kill", "grain-silo-kill", "postgres-restart", "scorer-throws", "scorer-hangs", "poison-batch", "partition"];

    public static async Task<FaultSummary> RunAsync(IReadOnlyList<string>? only, string harnessDll, TextWriter output, CancellationToken ct, string postgresAdmin = PostgresScratch.DefaultAdmin)
    {
        if (only is { Count: > 0 } && only.FirstOrDefault(o => !Scenarios.Contains(o)) is { } unknown)
            throw new MolGrid.Grains.Configuration.GridConfigException(unknown, $"unknown scenario (expected some of {string.Join(", ", Scenarios)})");
        var chosen = only is { Count: > 0 } ? Scenarios.Where(only.Contains).ToList() : Scenarios.ToList();
        var results = new List<FaultResult>();
        foreach (var name in chosen)
        {
            var sw = Stopwatch.StartNew();
            FaultResult result;
            PrivatePostgres? privatePg = null;
            try
            {
                if (name == "postgres-restart")
                {
                    privatePg = await PrivatePostgres.StartAsync();
                    output.WriteLine($"faults: private PostgreSQL on 127.0.0.1:{privatePg.Port} for {name}");
                }
                await using var db = await PostgresScratch.CreateAsync("molgrid_faults", privatePg?.Admin ?? postgresAdmin);
                await using var run = new FaultScenarios(name, harnessDll, db, privatePg);
                try
                {
                    result = await run.RunAsync(ct);
                }
                catch (Exception e) when (!ct.IsCancellationRequested)
                {
                    result = new FaultResult(name, false, 0, 0, $"{e.GetType().Name}: {e.Message}\n{run.Logs()}");
                }
            }
            finally
            {
                if (privatePg is not null) await privatePg.DisposeAsync();
            }
            output.WriteLine($"fault {name}: {(result.Passed ? "PASS" : "FAIL")} lost={result.Lost} duplicated={result.Duplicated} ({sw.Elapsed.TotalSeconds:0.0} s) {result.Detail}");
            results.Add(result);
        }
        var summary = new FaultSummary(results);
        output.WriteLine(summary.Line);
        return summary;
    }
}
