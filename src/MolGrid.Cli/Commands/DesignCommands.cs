using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MolGrid.Pipelines.Design;
using MolGrid.Pipelines.Expression;
using MolGrid.Pipelines.Scoring;
using MolGrid.Pipelines.Targets;

namespace MolGrid.Cli.Commands;

/// <summary><c>molgrid design run SPEC.yaml [--out DIR]</c>: runs a design campaign in this process and writes
/// the ranked candidates (candidates.csv, candidates.sdf) and the final state (state.json).</summary>
public static class DesignCommands
{
    public static Command Create()
    {
        var design = new Command("design", "Generative design campaigns described by a YAML spec.");
        var spec = new Argument<string>("spec") { Description = "The campaign spec (YAML or JSON); see docs/design.md." };
        var outDir = new Option<string?>("--out") { Description = "Output directory (default: ./design-runs/<name>)." };
        var expression = new Option<string?>("--expression") { Description = "Expression matrix (CSV, TSV, GCT) for a spec whose `targets:` section picks targets from it." };
        var run = new Command("run", "Run a campaign in-process and write ranked candidates.") { spec, outDir, expression };
        run.SetAction(async (parse, ct) => await RunAsync(parse.GetValue(spec)!, parse.GetValue(outDir), parse.GetValue(expression), ct));
        design.Subcommands.Add(run);
        return design;
    }

    private static async Task<int> RunAsync(string specPath, string? outDir, string? expressionPath, CancellationToken ct)
    {
        if (!File.Exists(specPath)) throw new InvalidInputException(specPath, "spec file not found");
        var spec = DesignSpec.Parse(await File.ReadAllTextAsync(specPath, ct), specPath);
        var selection = ExpressionTargetSelection.Apply(spec, expressionPath is null ? null : ExpressionMatrixReader.Read(expressionPath));
        spec = selection.Spec;
        foreach (var t in selection.Targets) Console.Error.WriteLine($"target {t.Target.Id}: {t.Reason}");
        foreach (var t in selection.AntiTargets) Console.Error.WriteLine($"anti-target {t.Target.Id}: penalised");
        var fn = ScoringFunction.Create(spec, ComponentRegistry.Default);
        var loop = DesignEngine.CreateLoop(spec);
        var scorer = new InProcessBatchScorer(fn, new InMemoryScoreCache());
        var dir = outDir ?? Path.Combine("design-runs", string.Concat(spec.Name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_')));
        Directory.CreateDirectory(dir);

        var sw = Stopwatch.StartNew();
        var inv = CultureInfo.InvariantCulture;
        var progress = new SynchronousProgress(p => Console.Error.WriteLine(string.Format(inv,
            "round {0,3}: {1,6}/{2} oracle calls, +{3} molecules, best {4:F3} ({5:F1} s)", p.Round, p.OracleCalls, p.Budget, p.Proposed, p.BestScore, sw.Elapsed.TotalSeconds)));
        var state = await DesignRunner.RunAsync(loop, scorer, progress, ct, spec.Budget);

        var ranked = CandidateRanking.Rank(state, spec.Output.TopN);
        var csv = Path.Combine(dir, "candidates.csv");
        await using (var w = new StreamWriter(csv)) CandidateRanking.WriteCsv(w, ranked);
        string? sdf = null;
        if (spec.Output.WriteSdf)
        {
            sdf = Path.Combine(dir, "candidates.sdf");
            await using var w = new StreamWriter(sdf);
            CandidateRanking.WriteSdf(w, ranked, spec.Output.SdfCoordinates == "3d");
        }
        await File.WriteAllTextAsync(Path.Combine(dir, "state.json"), JsonSerializer.Serialize(state), ct);

        Console.WriteLine(string.Format(inv, "{0}: {1} rounds, {2} oracle calls, {3:F1} s; wrote {4}{5}", spec.Name, state.Round, state.OracleCalls,
            sw.Elapsed.TotalSeconds, csv, sdf is null ? "" : " and " + sdf));
        Console.WriteLine("rank  total   smiles");
        foreach (var (s, i) in ranked.Take(10).Select((s, i) => (s, i)))
            Console.WriteLine(string.Format(inv, "{0,4}  {1:F3}   {2}", i + 1, s.Total, s.Smiles));
        return CliRunner.Ok;
    }

    /// <summary>Reports on the calling thread, so progress lines come out in round order.</summary>
    private sealed class SynchronousProgress(Action<DesignProgress> report) : IProgress<DesignProgress>
    {
        public void Report(DesignProgress value) => report(value);
    }
}
