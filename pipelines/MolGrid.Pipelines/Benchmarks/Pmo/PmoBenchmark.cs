using System.Diagnostics;
using MolGrid.Pipelines.Design;
using MolGrid.Pipelines.Design.Generators;
using MolGrid.Pipelines.Scoring;

namespace MolGrid.Pipelines.Benchmarks.Pmo;

/// <summary>Graph GA settings for a PMO run (PMO's tuned defaults: 120 / 70 / 0.067, patience 5).</summary>
public sealed record PmoSettings
{
    public int Budget { get; init; } = 10_000;
    public int PopulationSize { get; init; } = 120;
    public int OffspringSize { get; init; } = 70;
    public double MutationRate { get; init; } = 0.067;
    public int Patience { get; init; } = 5;
    public string Generator { get; init; } = GeneratorSpec.GraphGa;
    public IsomerTotal IsomerTotal { get; init; } = IsomerTotal.Formula;
}

/// <summary>One (task, seed) run: AUC top-10, final top-10 mean, oracle calls spent, wall time.</summary>
public sealed record PmoRun(string Task, int Seed, double AucTop10, double Top10, int OracleCalls, TimeSpan Wall);

/// <summary>Runs PMO tasks with MolGrid's design loop and in-process scoring, PMO's protocol.</summary>
public static class PmoBenchmark
{
    public static DesignSpec Spec(string task, int seed, PmoSettings settings) => new()
    {
        Name = $"pmo:{task}",
        Seed = seed,
        Budget = settings.Budget,
        Generator = new GeneratorSpec
        {
            Type = settings.Generator,
            PopulationSize = settings.PopulationSize,
            OffspringSize = settings.OffspringSize,
            MutationRate = settings.MutationRate,
        },
        Scoring = new ScoringSpec
        {
            Aggregation = ScoringSpec.Arithmetic,
            Components = [ComponentConfig.Create("pmo", task, 1.0, new Dictionary<string, object>
            {
                ["task"] = task, ["isomer_score"] = settings.IsomerTotal == IsomerTotal.Formula ? "corrected" : "tdc-0.3.6",
            })],
        },
        Diversity = new DiversitySpec(),
        Output = new OutputSpec(),
    };

    /// <summary>One run on one thread (runs are what parallelises); deterministic for (task, seed, settings, corpus).</summary>
    public static async Task<PmoRun> RunAsync(string task, int seed, PmoSettings settings, IReadOnlyList<string> corpus, CancellationToken cancellationToken = default)
    {
        var sw = Stopwatch.StartNew();
        var spec = Spec(task, seed, settings);
        var fn = ScoringFunction.Create(spec, ComponentRegistry.Default);
        var loop = DesignEngine.CreateLoop(spec, new DesignLoopOptions { MaxParallelism = 1, Patience = settings.Patience }, corpus);
        DesignState state;
        try
        {
            state = await DesignRunner.RunAsync(loop, new InProcessBatchScorer(fn, null, 1), null, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            (loop as IDisposable)?.Dispose(); // the reinvent loop holds a prior and an agent (native memory)
        }
        var scores = state.Scored.Select(s => s.Total).ToArray();
        return new PmoRun(task, seed, PmoAuc.TopK(scores, 10, 100, settings.Budget), PmoAuc.TopMean(scores), state.OracleCalls, sw.Elapsed);
    }
}
