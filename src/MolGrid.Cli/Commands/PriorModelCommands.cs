using System.CommandLine;
using System.Diagnostics;
using MolGrid.Learning;
using MolGrid.Molecules;
using MolGrid.Pipelines.Design.Generators.Reinvent;

namespace MolGrid.Cli.Commands;

/// <summary>`molgrid prior train|sample|finetune|metrics`: the commands that need TorchSharp.</summary>
internal static partial class PriorCommands
{
    static partial void AddModelCommands(Command cmd)
    {
        cmd.Subcommands.Add(Train());
        cmd.Subcommands.Add(Sample());
        cmd.Subcommands.Add(Finetune());
        cmd.Subcommands.Add(Metrics());
    }

    /// <summary>The shipped prior, found from $MOLGRID_HOME (the ./molgrid wrapper sets it) or the working directory.</summary>
    internal static string DefaultPriorDirectory() => ReinventDefaults.PriorDirectory();

    private sealed record TrainingOptionSet(Option<int> Epochs, Option<int> Batch, Option<long> Seed, Option<double?> MaxMinutes,
        Option<double> LearningRate, Option<double> CheckpointMinutes, Option<bool> Canonical, Option<string> Device, Option<int?> Threads, Option<int> ValidationSamples)
    {
        public static TrainingOptionSet AddTo(Command c, int epochs, double lr)
        {
            var o = new TrainingOptionSet(
                new Option<int>("--epochs") { Description = "Passes over the corpus.", DefaultValueFactory = _ => epochs },
                new Option<int>("--batch") { Description = "SMILES per step.", DefaultValueFactory = _ => 128 },
                new Option<long>("--seed") { Description = "Seed for initialisation, order, augmentation and validation samples.", DefaultValueFactory = _ => 0 },
                new Option<double?>("--max-minutes") { Description = "Stop with a checkpoint after this much wall time (resume with the same command)." },
                new Option<double>("--lr") { Description = "Adam learning rate.", DefaultValueFactory = _ => lr },
                new Option<double>("--checkpoint-minutes") { Description = "Minutes between checkpoints.", DefaultValueFactory = _ => 5 },
                new Option<bool>("--canonical") { Description = "Train on canonical SMILES only (default: a randomised SMILES per molecule and epoch)." },
                new Option<string>("--device") { Description = "auto, cpu or cuda.", DefaultValueFactory = _ => "auto" },
                new Option<int?>("--threads") { Description = "Torch intra-op threads (default: $MOLGRID_TORCH_THREADS or all cores)." },
                new Option<int>("--validation-samples") { Description = "Molecules sampled for the validity figure at checkpoints and epoch ends.", DefaultValueFactory = _ => 256 });
            foreach (var opt in new Option[] { o.Epochs, o.Batch, o.Seed, o.MaxMinutes, o.LearningRate, o.CheckpointMinutes, o.Canonical, o.Device, o.Threads, o.ValidationSamples })
                c.Options.Add(opt);
            return o;
        }

        public PriorTrainingOptions Read(ParseResult p)
        {
            var options = new PriorTrainingOptions
            {
                Epochs = p.GetValue(Epochs), BatchSize = p.GetValue(Batch), Seed = p.GetValue(Seed), MaxMinutes = p.GetValue(MaxMinutes),
                LearningRate = p.GetValue(LearningRate), CheckpointMinutes = p.GetValue(CheckpointMinutes), Randomise = !p.GetValue(Canonical),
                ValidationSamples = p.GetValue(ValidationSamples),
            };
            try { options.Validate(); }
            catch (ArgumentOutOfRangeException e) { throw BadOption(e); }
            return options;
        }
    }

    private static Command Train()
    {
        var c = new Command("train", "Train a SMILES GRU prior on a corpus (maximum likelihood, randomised SMILES). Resumes when --out holds a checkpoint.");
        var corpus = new Option<string>("--corpus") { Description = "Training SMILES (.csv/.smi, optionally .gz), e.g. from `molgrid prior corpus`.", Required = true };
        var output = new Option<string>("--out") { Description = "Directory for prior.model (checkpoints go there too).", Required = true };
        var embedding = new Option<int>("--embedding") { Description = "Embedding size (new models).", DefaultValueFactory = _ => 256 };
        var hidden = new Option<int>("--hidden") { Description = "GRU hidden size (new models).", DefaultValueFactory = _ => 256 };
        var layers = new Option<int>("--layers") { Description = "GRU layers (new models).", DefaultValueFactory = _ => 3 };
        c.Options.Add(corpus);
        c.Options.Add(output);
        c.Options.Add(embedding);
        c.Options.Add(hidden);
        c.Options.Add(layers);
        var t = TrainingOptionSet.AddTo(c, epochs: 2, lr: 1e-3);
        c.SetAction((p, ct) =>
        {
            var options = t.Read(p);
            var dir = p.GetValue(output)!;
            var device = StartTorch(p.GetValue(t.Device), p.GetValue(t.Threads), options.Seed);
            var smiles = ReadCorpus(p.GetValue(corpus)!);
            var checkpoint = Path.Combine(dir, RnnPrior.FileName);
            RnnPrior prior;
            if (File.Exists(checkpoint))
            {
                prior = Guard(() => RnnPrior.Load(checkpoint, device));
                var st = PriorTrainingState.FromJson(prior.Info["training"]);
                Console.Error.WriteLine($"resuming {checkpoint}: epoch {st.Epoch}, batch {st.Batch}, step {st.Steps}, {st.Seconds / 60:0.0} min so far");
            }
            else
            {
                var net = new RnnPriorOptions { EmbeddingSize = p.GetValue(embedding), HiddenSize = p.GetValue(hidden), Layers = p.GetValue(layers) };
                try { net.Validate(); }
                catch (ArgumentOutOfRangeException e) { throw BadOption(e); }
                prior = new RnnPrior(SmilesVocabulary.Build(smiles), net, device);
                prior.Info["corpus"] = Path.GetFileName(p.GetValue(corpus));
                prior.Info["corpus_size"] = smiles.Count;
                prior.Info["seed"] = options.Seed;
            }
            using (prior)
            {
                var covered = smiles.Where(prior.Vocabulary.Covers).ToList();
                if (covered.Count < smiles.Count) Console.Error.WriteLine($"{smiles.Count - covered.Count} SMILES hold tokens outside the vocabulary and are skipped");
                var parameters = prior.Network.parameters().Sum(x => x.numel());
                Console.Error.WriteLine($"{TorchRuntime.Describe()}; GRU {prior.Options.Layers} x {prior.Options.HiddenSize}, embedding {prior.Options.EmbeddingSize}, " +
                                        $"vocabulary {prior.Vocabulary.Count}, {parameters:N0} parameters; {covered.Count:N0} training SMILES");
                var trainer = new PriorTrainer(prior, covered, options, dir);
                trainer.Progress += Console.WriteLine;
                var sw = Stopwatch.StartNew();
                var end = trainer.Run(ct);
                Console.WriteLine($"wrote {checkpoint} after {end.Steps} steps, {end.Seconds / 60:0.0} min of training ({sw.Elapsed.TotalMinutes:0.0} min this run); sha256 {ModelArchive.Hash(checkpoint)}");
            }
            return Task.FromResult(CliRunner.Ok);
        });
        return c;
    }

    private static Command Finetune()
    {
        var c = new Command("finetune", "Transfer learning: continue training a prior on a chemist's series (few epochs, lower learning rate) before RL.");
        var model = new Option<string?>("--model") { Description = "Prior directory or file (default: the shipped prior)." };
        var smilesOpt = new Option<string>("--smiles") { Description = "SMILES of the series (.csv/.smi, optionally .gz).", Required = true };
        var output = new Option<string>("--out") { Description = "Directory for the fine-tuned prior.model.", Required = true };
        c.Options.Add(model);
        c.Options.Add(smilesOpt);
        c.Options.Add(output);
        var t = TrainingOptionSet.AddTo(c, epochs: 10, lr: 1e-4);
        c.SetAction((p, ct) =>
        {
            var options = t.Read(p) with { CheckpointMinutes = double.MaxValue };
            var device = StartTorch(p.GetValue(t.Device), p.GetValue(t.Threads), options.Seed);
            var source = p.GetValue(model) ?? DefaultPriorDirectory();
            using var prior = Guard(() => RnnPrior.Load(source, device));
            var raw = ReadCorpus(p.GetValue(smilesOpt)!);
            var series = new List<string>();
            foreach (var s in raw)
            {
                if (!MoleculeParser.TryParseSmiles(PriorCorpus.LargestFragment(s), out var mol, out var why) || mol is null)
                {
                    Console.Error.WriteLine($"skipped '{s}': {why}");
                    continue;
                }
                using (mol)
                {
                    var canonical = MoleculeWriter.CanonicalSmiles(mol, isomeric: false);
                    if (prior.Vocabulary.Covers(canonical)) series.Add(canonical);
                    else Console.Error.WriteLine($"skipped '{s}': holds a token outside the prior's vocabulary");
                }
            }
            if (series.Count == 0) throw new InvalidInputException(p.GetValue(smilesOpt)!, "no usable SMILES for fine-tuning");
            var dir = p.GetValue(output)!;
            if (File.Exists(Path.Combine(dir, RnnPrior.FileName)))
                throw new InvalidInputException(dir, "already holds a prior.model; choose an empty directory");
            prior.Info["training"] = null;
            prior.Info["finetuned_from"] = Path.GetFullPath(source);
            prior.Info["finetune_set"] = Path.GetFileName(p.GetValue(smilesOpt));
            prior.Info["finetune_size"] = series.Count;
            var trainer = new PriorTrainer(prior, series, options, dir);
            trainer.Progress += Console.WriteLine;
            var end = trainer.Run(ct);
            var file = Path.Combine(dir, RnnPrior.FileName);
            Console.WriteLine($"fine-tuned on {series.Count} molecules: {end.Steps} steps, {end.Seconds:0.0} s; wrote {file}");
            File.Delete(Path.Combine(dir, PriorTrainer.OptimizerFile));
            return Task.FromResult(CliRunner.Ok);
        });
        return c;
    }

    private static Command Sample()
    {
        var c = new Command("sample", "Sample SMILES from a prior; one per line (empty where a sample did not end within the length limit).");
        var model = new Option<string?>("--model") { Description = "Prior directory or file (default: the shipped prior)." };
        var n = new Option<int>("-n") { Description = "How many.", DefaultValueFactory = _ => 100 };
        var seed = new Option<long>("--seed") { Description = "Sampling seed.", DefaultValueFactory = _ => 0 };
        var output = new Option<string?>("--out") { Description = "File to write (default: stdout)." };
        var device = new Option<string>("--device") { Description = "auto, cpu or cuda.", DefaultValueFactory = _ => "auto" };
        foreach (var o in new Option[] { model, n, seed, output, device }) c.Options.Add(o);
        c.SetAction(p =>
        {
            var count = p.GetValue(n);
            if (count is < 1 or > 10_000_000) throw new InvalidInputException("-n", "must be 1..10000000");
            var dev = StartTorch(p.GetValue(device), null, p.GetValue(seed));
            using var prior = Guard(() => RnnPrior.Load(p.GetValue(model) ?? DefaultPriorDirectory(), dev));
            var sw = Stopwatch.StartNew();
            var smiles = PriorSampler.SampleSmiles(prior, count, p.GetValue(seed));
            var seconds = sw.Elapsed.TotalSeconds;
            if (p.GetValue(output) is { } path) File.WriteAllLines(path, smiles);
            else foreach (var s in smiles) Console.WriteLine(s);
            Console.Error.WriteLine($"sampled {count} in {seconds:0.0} s ({count / seconds:0} molecules/s)");
            return CliRunner.Ok;
        });
        return c;
    }

    private static Command Metrics()
    {
        var c = new Command("metrics", "Validity, uniqueness, novelty against the training corpus and internal diversity of a prior's samples.");
        var model = new Option<string?>("--model") { Description = "Prior directory or file (default: the shipped prior)." };
        var n = new Option<int>("-n") { Description = "Samples.", DefaultValueFactory = _ => 10_000 };
        var seed = new Option<long>("--seed") { Description = "Sampling seed.", DefaultValueFactory = _ => 0 };
        var corpus = new Option<string?>("--corpus") { Description = "Training corpus for novelty (default: the shipped corpus)." };
        foreach (var o in new Option[] { model, n, seed, corpus }) c.Options.Add(o);
        c.SetAction(p =>
        {
            var count = p.GetValue(n);
            if (count is < 2 or > 1_000_000) throw new InvalidInputException("-n", "must be 2..1000000");
            var dev = StartTorch("auto", null, p.GetValue(seed));
            using var prior = Guard(() => RnnPrior.Load(p.GetValue(model) ?? DefaultPriorDirectory(), dev));
            var sw = Stopwatch.StartNew();
            var smiles = PriorSampler.SampleSmiles(prior, count, p.GetValue(seed));
            var sampling = sw.Elapsed.TotalSeconds;
            var training = ReadCorpus(p.GetValue(corpus) ?? ReinventDefaults.CorpusPath());
            var m = PriorMetrics.Compute(smiles, training);
            Console.WriteLine($"{count} samples (seed {p.GetValue(seed)}) in {sampling:0.0} s ({count / sampling:0} molecules/s): validity {m.Validity:0.0000}, " +
                              $"uniqueness {m.Uniqueness:0.0000}, novelty {m.Novelty:0.0000} (against {training.Count:N0} training SMILES), internal diversity {m.InternalDiversity:0.0000}");
            return CliRunner.Ok;
        });
        return c;
    }

    private static readonly Dictionary<string, string> OptionNames = new()
    {
        ["Epochs"] = "--epochs", ["BatchSize"] = "--batch", ["LearningRate"] = "--lr", ["MaxMinutes"] = "--max-minutes",
        ["CheckpointMinutes"] = "--checkpoint-minutes", ["ValidationSamples"] = "--validation-samples",
        ["EmbeddingSize"] = "--embedding", ["HiddenSize"] = "--hidden", ["Layers"] = "--layers",
    };

    /// <summary>An options record's range error as bad input naming the command-line option.</summary>
    private static InvalidInputException BadOption(ArgumentOutOfRangeException e) =>
        new(OptionNames.GetValueOrDefault(e.ParamName ?? "", e.ParamName ?? "option"), e.Message.Split(" (Parameter")[0].Split(Environment.NewLine)[0]);

    private static TorchSharp.torch.Device StartTorch(string device, int? threads, long seed)
    {
        try
        {
            ComputeDevice.Validate(device);
        }
        catch (ArgumentException e) { throw new InvalidInputException("--device", e.Message); }
        var d = Guard(() => ComputeDevice.Resolve(device));
        TorchRuntime.ConfigureThreads(threads);
        TorchRuntime.Seed(seed);
        return d;
    }

    /// <summary>Model files and torch loading fail with their own exception types; on the command line they are
    /// bad input (a wrong or damaged file, an unprepared machine), exit code 2.</summary>
    private static T Guard<T>(Func<T> f)
    {
        try { return f(); }
        catch (ModelFileException e) { throw new InvalidInputException(e.Path, e.Reason); }
        catch (TorchUnavailableException e) { throw new InvalidInputException("torch", e.Message); }
    }

    private static List<string> ReadCorpus(string path)
    {
        if (!File.Exists(path)) throw new InvalidInputException(path, "file not found");
        return MoleculeFiles.ReadRecords(path).Select(r => r.Text?.Trim() ?? "").Where(s => s.Length > 0).ToList();
    }
}
