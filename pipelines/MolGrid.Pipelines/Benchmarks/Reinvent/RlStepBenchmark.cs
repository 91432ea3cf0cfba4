using System.Diagnostics;
using MolGrid.Pipelines.Benchmarks.Pmo;
using MolGrid.Pipelines.Design;
using MolGrid.Pipelines.Design.Generators;
using MolGrid.Pipelines.Design.Generators.Reinvent;
using MolGrid.Pipelines.Scoring;
using TorchSharp;

namespace MolGrid.Pipelines.Benchmarks.Reinvent;

/// <summary>Mean wall time of each part of a reinvent RL step over the measured steps, and of the baseline: the
/// prior sampling a batch of the same size alone (what `molgrid prior sample` does).</summary>
public sealed record RlStepTimes(int Steps, int BatchSize, string Task, double SampleMs, double ScoreMs, double UpdateMs, double PriorSampleMs, int OracleCalls)
{
    public double StepMs => SampleMs + ScoreMs + UpdateMs;
}

/// <summary>
/// The cost of one RL step of the reinvent generator with PMO's settings (batch 64, sigma 500, learning rate 5e-4,
/// replay 100, 2 Augmented Memory rounds) on a PMO oracle, scored in-process, split into the agent's sampling
/// (Propose), the oracle, and the update (Accept: DAP loss on the batch and the replay, then the augmentation
/// rounds), after warm-up steps that are not counted (JIT, first allocations).
/// </summary>
public static class RlStepBenchmark
{
    public static async Task<RlStepTimes> RunAsync(string task, int steps, int warmup, int seed, CancellationToken ct = default)
    {
        if (steps < 1) throw new ArgumentOutOfRangeException(nameof(steps), steps, "measure at least one step");
        var spec = PmoBenchmark.Spec(task, seed, new PmoSettings { Generator = GeneratorSpec.Reinvent, Budget = 1_000_000, Patience = 0 });
        var fn = ScoringFunction.Create(spec, ComponentRegistry.Default);
        var scorer = new InProcessBatchScorer(fn, null, 1);
        using var loop = (ReinventLoop)DesignEngine.CreateLoop(spec, new DesignLoopOptions { MaxParallelism = 1, Patience = 0 });
        var batch = (spec.Generator.ReinventSettings ?? new ReinventSpec()).BatchSize;
        var state = loop.Start();
        long sample = 0, score = 0, update = 0;
        for (var i = 0; i < warmup + steps; i++)
        {
            ct.ThrowIfCancellationRequested();
            var t0 = Stopwatch.GetTimestamp();
            var proposal = loop.Propose(state);
            var t1 = Stopwatch.GetTimestamp();
            IReadOnlyList<MoleculeScore> scores = proposal.Count == 0 ? [] : await scorer.ScoreAsync(proposal, ct);
            var t2 = Stopwatch.GetTimestamp();
            state = loop.Accept(state, scores);
            var t3 = Stopwatch.GetTimestamp();
            if (i < warmup) continue;
            sample += t1 - t0;
            score += t2 - t1;
            update += t3 - t2;
        }

        // The baseline on the prior itself, same batch size, same number of batches (seeded like the loop's).
        using var prior = RnnPrior.Load(ReinventDefaults.PriorDirectory(), loop.Agent.Device);
        long baseline = 0;
        for (var i = 0; i < warmup + steps; i++)
        {
            var t0 = Stopwatch.GetTimestamp();
            using (PriorSampler.Sample(prior, batch, new torch.Generator((ulong)(seed * 1000 + i), prior.Device))) { }
            if (i >= warmup) baseline += Stopwatch.GetTimestamp() - t0;
        }
        double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency / steps;
        return new RlStepTimes(steps, batch, task, Ms(sample), Ms(score), Ms(update), Ms(baseline), state.OracleCalls);
    }
}
