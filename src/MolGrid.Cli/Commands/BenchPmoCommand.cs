using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using MolGrid.Pipelines.Benchmarks.Pmo;
using MolGrid.Pipelines.Design;
using MolGrid.Pipelines.Design.Generators;

namespace MolGrid.Cli.Commands;

/// <summary>
/// <c>molgrid bench pmo</c>: MolGrid's Graph GA on the 20 RDKit-only PMO tasks with PMO's protocol (10,000
/// oracle calls per run, AUC of the top-10 mean logged every 100 calls, 5 seeds), side by side with the
/// published Graph GA and REINVENT figures (PMO, Table 3). Runs go in parallel over (task, seed); each run
/// is single-threaded and deterministic for its seed. The last line is "sum auc_top10 X over N tasks".
/// </summary>
public static class BenchPmoCommand
{
    /// <summary>Adds `pmo` under the root's `bench` command.</summary>
    public static void AddTo(RootCommand root) => BenchCommand.Of(root).Subcommands.Add(Create());

    public static Command Create()
    {
        var tasks = new Option<string?>("--tasks") { Description = "Comma-separated PMO task names (default: all 20)." };
        var seeds = new Option<int?>("--seeds") { Description = "Seeds per task (default 5; --quick: 1)." };
        var firstSeed = new Option<int>("--first-seed") { Description = "The first seed (runs seeds K..K+N-1; default 0).", DefaultValueFactory = _ => 0 };
        var runsDir = new Option<string?>("--runs-dir")
        {
            Description = "Keep each finished run here and reuse those made with the same settings and inputs, so seeds accumulate over several invocations and an interrupted benchmark resumes.",
        };
        var budget = new Option<int?>("--budget") { Description = "Oracle calls per run (default 10000; --quick: 1000)." };
        var quick = new Option<bool>("--quick") { Description = "Smoke test: 1 seed, 1000 calls." };
        var jobs = new Option<int?>("--jobs") { Description = "Runs in parallel (default: processor count)." };
        var population = new Option<int?>("--population") { Description = "Graph GA population size (default 120)." };
        var offspring = new Option<int?>("--offspring") { Description = "Graph GA offspring per generation (default 70)." };
        var mutation = new Option<double?>("--mutation-rate") { Description = "Graph GA mutation rate (default 0.067)." };
        var patience = new Option<int?>("--patience") { Description = "PMO early stop after N generations without top-100 gain (default 5; 0 = spend the whole budget)." };
        var generator = new Option<string>("--generator") { Description = "graph_ga or reinvent (the shipped prior with PMO's REINVENT settings and Augmented Memory replay).", DefaultValueFactory = _ => GeneratorSpec.GraphGa }
            .AcceptOnlyFromAmong(GeneratorSpec.GraphGa, GeneratorSpec.Reinvent);
        var isomer = new Option<string>("--isomer-score")
        {
            Description = "corrected (GuacaMol, TDC >= 0.3.7) or tdc-0.3.6 (total atoms by a regex over the SMILES, as PMO's published runs were scored)",
            DefaultValueFactory = _ => "corrected",
        }.AcceptOnlyFromAmong("corrected", "tdc-0.3.6");
        var cmd = new Command("pmo", "PMO benchmark (Gao et al. 2022): MolGrid Graph GA or reinvent vs published Graph GA and REINVENT (and Genetic GFN's sum).")
        {
            tasks, seeds, firstSeed, runsDir, budget, quick, jobs, population, offspring, mutation, patience, generator, isomer,
        };
        cmd.SetAction(async (parse, ct) =>
        {
            var isQuick = parse.GetValue(quick);
            var taskList = ParseTasks(parse.GetValue(tasks));
            var nSeeds = parse.GetValue(seeds) ?? (isQuick ? 1 : 5);
            if (nSeeds is < 1 or > 100) throw new InvalidInputException("--seeds", "must be 1..100");
            var seed0 = parse.GetValue(firstSeed);
            if (seed0 is < 0 or > 1_000_000) throw new InvalidInputException("--first-seed", "must be 0..1000000");
            var defaults = new PmoSettings();
            var settings = defaults with
            {
                Budget = parse.GetValue(budget) ?? (isQuick ? 1000 : 10_000),
                PopulationSize = parse.GetValue(population) ?? defaults.PopulationSize,
                OffspringSize = parse.GetValue(offspring) ?? defaults.OffspringSize,
                MutationRate = parse.GetValue(mutation) ?? defaults.MutationRate,
                Patience = parse.GetValue(patience) ?? defaults.Patience,
                Generator = parse.GetValue(generator)!,
                IsomerTotal = parse.GetValue(isomer) == "tdc-0.3.6" ? IsomerTotal.SmilesRegex : IsomerTotal.Formula,
            };
            if (settings.Patience < 0) throw new InvalidInputException("--patience", "must be 0 or more");
            if (settings.Budget is < 100 or > 1_000_000) throw new InvalidInputException("--budget", "must be 100..1000000");
            if (settings.PopulationSize < 2) throw new InvalidInputException("--population", "must be at least 2");
            if (settings.OffspringSize < 1) throw new InvalidInputException("--offspring", "must be at least 1");
            if (settings.MutationRate is < 0 or > 1) throw new InvalidInputException("--mutation-rate", "must be in [0, 1]");
            var parallel = parse.GetValue(jobs) ?? Environment.ProcessorCount;
            if (parallel < 1) throw new InvalidInputException("--jobs", "must be at least 1");
            var name = settings.Generator == GeneratorSpec.Reinvent ? "REINVENT" : "GraphGA";
            if (settings.Generator == GeneratorSpec.Reinvent)
            {
                // Runs are the parallel unit; one torch thread each keeps them from fighting over the cores.
                try { MolGrid.Learning.TorchRuntime.ConfigureThreads(parallel > 1 ? 1 : null); }
                catch (MolGrid.Learning.TorchUnavailableException e) { throw new InvalidInputException("torch", e.Message); }
                Console.Error.WriteLine($"reinvent: prior {MolGrid.Pipelines.Design.Generators.Reinvent.ReinventDefaults.PriorDirectory()}, batch 64, sigma 500, lr 5e-4, replay 100, 2 augmentation rounds; {MolGrid.Learning.TorchRuntime.Describe()}");
            }

            var corpusPath = Path.Combine(MolGridPaths.Samples, "design", "chembl_like_10k.smi");
            var corpus = StartPopulation.Candidates(new GeneratorSpec { Type = GeneratorSpec.GraphGa, StartFile = corpusPath }, null);
            Console.Error.WriteLine($"PMO: {taskList.Count} tasks x {nSeeds} seeds, budget {settings.Budget}, generator {settings.Generator}, Graph GA population {settings.PopulationSize}, offspring {settings.OffspringSize}, mutation rate {settings.MutationRate.ToString(CultureInfo.InvariantCulture)}, patience {settings.Patience}, {parallel} parallel runs, start corpus {corpus.Count} molecules");

            var jobsList = taskList.SelectMany(t => Enumerable.Range(seed0, nSeeds).Select(s => (Task: t, Seed: s))).ToArray();
            var results = new PmoRun[jobsList.Length];
            static string Outcome(PmoRun r) => $"{r.Task} seed {r.Seed}: auc_top10 {r.AucTop10:F3}, top10 {r.Top10:F3}, {r.OracleCalls} calls, {r.Wall.TotalSeconds:F1} s";
            var store = OpenStore(parse.GetValue(runsDir), settings, corpusPath);
            var reused = 0;
            for (var i = 0; i < jobsList.Length; i++)
                if (store?.Find(settings.Generator, jobsList[i].Task, jobsList[i].Seed) is { } kept)
                {
                    results[i] = kept;
                    reused++;
                    Console.Error.WriteLine($"[kept] {Outcome(kept)} (from {store.PathOf(settings.Generator, kept.Task, kept.Seed)})");
                }
            if (store is not null) Console.Error.WriteLine($"runs dir {store.Directory}: {reused} of {jobsList.Length} runs kept from earlier invocations with these settings");
            var pending = Enumerable.Range(0, jobsList.Length).Where(i => results[i] is null).ToArray();
            var total = Stopwatch.StartNew();
            var done = 0;
            await Parallel.ForAsync(0, pending.Length, new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = ct }, async (k, token) =>
            {
                var i = pending[k];
                var (task, seed) = jobsList[i];
                var r = await PmoBenchmark.RunAsync(task, seed, settings, corpus, token);
                results[i] = r;
                // A record that cannot be written costs a rerun later, not this run's result or the others in flight.
                try { store?.Save(settings.Generator, r, parallel); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    Console.Error.WriteLine($"warning: {task} seed {seed} not kept in the runs dir: {e.Message}");
                }
                var n = Interlocked.Increment(ref done);
                Console.Error.WriteLine($"[{n}/{pending.Length}] {Outcome(r)}");
            });

            var inv = CultureInfo.InvariantCulture;
            Console.WriteLine($"{"task",-26} {$"MolGrid {name} AUC",-20} {"published GraphGA",-18} {"published REINVENT",-19} {"wall s/run",10}");
            double sum = 0, sumGa = 0, sumReinvent = 0;
            foreach (var task in taskList)
            {
                var runs = results.Where(r => r.Task == task).ToArray();
                var aucs = runs.Select(r => r.AucTop10).ToArray();
                var mean = aucs.Average();
                var sd = Math.Sqrt(aucs.Select(a => (a - mean) * (a - mean)).Average());
                sum += mean;
                var (ga, reinvent) = PmoPublished.Auc[task];
                sumGa += ga;
                sumReinvent += reinvent;
                Console.WriteLine(string.Format(inv, "{0,-26} {1,-20} {2,-18} {3,-19} {4,10:F1}",
                    task, $"{mean:F3} ± {sd:F3}".Replace(',', '.'), ga.ToString("F3", inv), reinvent.ToString("F3", inv), runs.Average(r => r.Wall.TotalSeconds)));
            }
            Console.WriteLine(string.Format(inv, "{0,-26} {1,-20} {2,-18} {3,-19} {4,10}", "sum", sum.ToString("F3", inv), sumGa.ToString("F3", inv), sumReinvent.ToString("F3", inv), ""));
            if (taskList.Count == PmoPublished.Auc.Count)
                Console.WriteLine(string.Format(inv, "published sums over the 20 tasks: Graph GA {0:F3}, REINVENT {1:F3}, Genetic GFN {2:F2} (Kim et al. 2024; per task not transcribed)",
                    sumGa, sumReinvent, PmoPublished.GeneticGfnSum));
            Console.WriteLine(string.Format(inv, "settings: budget {0}, seeds {1}, population {2}, offspring {3}, mutation rate {4}, patience {5}; total wall {6:F0} s with {7} parallel runs on {8} cores" +
                (reused > 0 ? $" for the {pending.Length} runs made now ({reused} kept from the runs dir)" : ""),
                settings.Budget, seed0 == 0 ? nSeeds.ToString(inv) : $"{seed0}..{seed0 + nSeeds - 1}", settings.PopulationSize, settings.OffspringSize, settings.MutationRate, settings.Patience, total.Elapsed.TotalSeconds, parallel, Environment.ProcessorCount));
            // PMO's published figures predate TDC's fix of the isomer score (docs/design.md): with the corrected
            // score these four are not like for like, so the sums without them are printed too; --isomer-score
            // tdc-0.3.6 scores them as PMO's runs were.
            var comparable = taskList.Where(t => settings.IsomerTotal == IsomerTotal.SmilesRegex || !PmoOracles.IsomerTasks.Contains(t)).ToArray();
            Console.WriteLine(settings.IsomerTotal == IsomerTotal.SmilesRegex
                ? "isomer score: TDC 0.3.6 (total atoms by the formula regex over the canonical SMILES), as PMO's published runs; every task is like for like"
                : "isomer score: corrected (GuacaMol; TDC >= 0.3.7); isomers_c7h8n2o2, isomers_c9h10n2o2pf2cl, sitagliptin_mpo and zaleplon_mpo are not like for like with the published figures (--isomer-score tdc-0.3.6 scores them as those were)");
            if (comparable.Length < taskList.Count && comparable.Length > 0)
            {
                double Mean(string t) => results.Where(r => r.Task == t).Average(r => r.AucTop10);
                Console.WriteLine(string.Format(inv, "sum over the {0} tasks without the isomer score: MolGrid {1:F3}, published GraphGA {2:F3}, published REINVENT {3:F3}",
                    comparable.Length, comparable.Sum(Mean), comparable.Sum(t => PmoPublished.Auc[t].Item1), comparable.Sum(t => PmoPublished.Auc[t].Item2)));
            }
            Console.WriteLine(string.Format(inv, "sum auc_top10 {0:F3} over {1} tasks", sum, taskList.Count));
            return CliRunner.Ok;
        });
        return cmd;
    }

    private static PmoRunStore? OpenStore(string? directory, PmoSettings settings, string corpusPath)
    {
        if (directory is null) return null;
        if (directory.Trim().Length == 0) throw new InvalidInputException("--runs-dir", "must not be empty");
        if (File.Exists(directory)) throw new InvalidInputException("--runs-dir", $"{directory} is a file, not a folder");
        // Created now, so a folder that cannot be written is refused before hours of runs, not after the first.
        try { Directory.CreateDirectory(directory); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new InvalidInputException("--runs-dir", $"{directory}: {e.Message}"); }
        var inputs = new List<string> { corpusPath };
        string? device = null;
        if (settings.Generator == GeneratorSpec.Reinvent)
        {
            inputs.Add(Path.Combine(MolGrid.Pipelines.Design.Generators.Reinvent.ReinventDefaults.PriorDirectory(), MolGrid.Pipelines.Design.Generators.Reinvent.RnnPrior.FileName));
            var resolved = MolGrid.Learning.ComputeDevice.Resolve("auto");
            if (resolved.type != TorchSharp.DeviceType.CPU) device = resolved.type.ToString();
        }
        return new PmoRunStore(Path.GetFullPath(directory), PmoRunStore.FingerprintOf(settings, inputs, device));
    }

    private static IReadOnlyList<string> ParseTasks(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return PmoOracles.TaskNames;
        var list = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToArray();
        foreach (var t in list)
            if (!PmoOracles.IsKnown(t))
                throw new InvalidInputException("--tasks", $"unknown PMO task '{t}'; known: {string.Join(", ", PmoOracles.TaskNames)}");
        return list;
    }
}
