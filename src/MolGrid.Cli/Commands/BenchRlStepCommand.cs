using System.CommandLine;
using System.Globalization;
using MolGrid.Pipelines.Benchmarks.Pmo;
using MolGrid.Pipelines.Benchmarks.Reinvent;

namespace MolGrid.Cli.Commands;

/// <summary>`molgrid bench rl-step`: the cost of one reinvent RL step (sampling, oracle, update) against the prior
/// sampling the same batch alone (see <see cref="RlStepBenchmark"/>).</summary>
public static class BenchRlStepCommand
{
    /// <summary>Adds `rl-step` under the root's `bench` command.</summary>
    public static void AddTo(RootCommand root) => BenchCommand.Of(root).Subcommands.Add(Create());

    public static Command Create()
    {
        var task = new Option<string>("--task") { Description = "PMO oracle the steps are scored with.", DefaultValueFactory = _ => "qed" };
        var steps = new Option<int>("--steps") { Description = "Steps measured, after the warm-up.", DefaultValueFactory = _ => 20 };
        var warmup = new Option<int>("--warmup") { Description = "Steps run first and not counted (JIT, first allocations).", DefaultValueFactory = _ => 2 };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 0 };
        var threads = new Option<int>("--threads") { Description = "Torch threads.", DefaultValueFactory = _ => 1 };
        var cmd = new Command("rl-step",
            "Time reinvent RL steps with PMO's settings on the shipped prior, split into sampling, oracle and update; the baseline is the prior sampling the same batch alone.")
        {
            task, steps, warmup, seed, threads,
        };
        cmd.SetAction(async (parse, ct) =>
        {
            var t = parse.GetValue(task)!;
            if (!PmoOracles.IsKnown(t)) throw new InvalidInputException("--task", $"unknown PMO task '{t}'; known: {string.Join(", ", PmoOracles.TaskNames)}");
            if (parse.GetValue(steps) is < 1 or > 10_000) throw new InvalidInputException("--steps", "must be 1..10000");
            if (parse.GetValue(warmup) is < 0 or > 100) throw new InvalidInputException("--warmup", "must be 0..100");
            if (parse.GetValue(threads) < 1) throw new InvalidInputException("--threads", "must be at least 1");
            try { MolGrid.Learning.TorchRuntime.ConfigureThreads(parse.GetValue(threads)); }
            catch (MolGrid.Learning.TorchUnavailableException e) { throw new InvalidInputException("torch", e.Message); }
            var r = await RlStepBenchmark.RunAsync(t, parse.GetValue(steps), parse.GetValue(warmup), parse.GetValue(seed), ct);
            var inv = CultureInfo.InvariantCulture;
            Console.WriteLine(string.Format(inv, "rl step (reinvent, PMO settings, {0}, batch {1}, {2} steps after {3} warm-up, {4}): {5:F0} ms per step = sampling {6:F0} ms + oracle {7:F0} ms + update {8:F0} ms ({9} oracle calls)",
                r.Task, r.BatchSize, r.Steps, parse.GetValue(warmup), MolGrid.Learning.TorchRuntime.Describe(), r.StepMs, r.SampleMs, r.ScoreMs, r.UpdateMs, r.OracleCalls));
            Console.WriteLine(string.Format(inv, "baseline: the prior sampling {0} SMILES alone {1:F0} ms; one RL step = {2:F1}x that",
                r.BatchSize, r.PriorSampleMs, r.StepMs / r.PriorSampleMs));
            return CliRunner.Ok;
        });
        return cmd;
    }
}
