using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MolGrid.Molecules;
using MolGrid.Pipelines.Qsar;
using MolGrid.Pipelines.Qsar.Dmpnn;

namespace MolGrid.Cli.Commands;

/// <summary>`molgrid model train|eval|explain`: QSAR models on a CSV of SMILES + activity (pIC50).</summary>
internal static class ModelCommands
{
    private static string F(double v, string fmt) => double.IsNaN(v) ? "-" : v.ToString(fmt, CultureInfo.InvariantCulture);

    public static Command Create()
    {
        var cmd = new Command("model", "QSAR models trained on SMILES + pIC50: Tanimoto-kernel Gaussian process (gp), fingerprint MLP (mlp), " +
                                       "gradient-boosted trees on Morgan counts + descriptors (gbm), directed message-passing network ensemble (dmpnn).");
        cmd.Subcommands.Add(Train());
        cmd.Subcommands.Add(Eval());
        cmd.Subcommands.Add(Explain());
        return cmd;
    }

    private sealed record DataOptions(Option<string> Data, Option<string> SmilesColumn, Option<string?> ActivityColumn, Option<int> Seed, Option<int> MaxTrain,
        Option<string> Task, Option<double> Threshold, NetworkOptions Network)
    {
        public static DataOptions AddTo(Command c)
        {
            var o = new DataOptions(
                new Option<string>("--data") { Description = "CSV with a SMILES column and an activity (pIC50) column.", Required = true },
                new Option<string>("--smiles-column") { Description = "SMILES column name.", DefaultValueFactory = _ => "smiles" },
                new Option<string?>("--activity-column") { Description = "Activity column (default: the first whose name contains pIC50, else 'activity')." },
                new Option<int>("--seed") { Description = "Seed for the split, the GP subset and every model's training.", DefaultValueFactory = _ => 0 },
                new Option<int>("--max-train") { Description = "GP: largest training set (seeded random subset above it; exact GP is O(n^3)).", DefaultValueFactory = _ => 2000 },
                new Option<string>("--task") { Description = "regression (predict the activity) or classification (active when activity >= --threshold).", DefaultValueFactory = _ => "regression" }
                    .AcceptOnlyFromAmong("regression", "classification"),
                new Option<double>("--threshold") { Description = "Classification: activity at or above which a molecule counts as active (default 5, i.e. IC50 <= 10 uM).", DefaultValueFactory = _ => 5.0 },
                NetworkOptions.AddTo(c));
            foreach (var opt in new Option[] { o.Data, o.SmilesColumn, o.ActivityColumn, o.Seed, o.MaxTrain, o.Task, o.Threshold }) c.Options.Add(opt);
            return o;
        }

        public QsarDataSet Load(ParseResult p)
        {
            var data = QsarDataSet.Load(p.GetValue(Data)!, p.GetValue(SmilesColumn)!, p.GetValue(ActivityColumn));
            foreach (var s in data.Skipped) Console.Error.WriteLine($"skipped line {s.Line} ({s.Smiles}): {s.Reason}");
            return data;
        }

        public EvaluationSettings Settings(ParseResult p, string split = "scaffold")
        {
            var threshold = p.GetValue(Threshold);
            if (!double.IsFinite(threshold)) throw new QsarDataException("--threshold", "must be a finite number");
            return new EvaluationSettings(split, p.GetValue(Task) == "classification" ? QsarTask.Classification : QsarTask.Regression, threshold);
        }

        public QsarTrainingOptions Training(ParseResult p, EvaluationSettings s, bool verbose) => new()
        {
            Task = s.Task,
            Seed = p.GetValue(Seed),
            Gp = new GaussianProcessOptions { MaxTrainingPoints = p.GetValue(MaxTrain) },
            Dmpnn = Network.Read(p, verbose),
        };
    }

    /// <summary>D-MPNN settings on the command line; defaults are Chemprop's, ensemble 3 for these CPUs.</summary>
    private sealed record NetworkOptions(Option<int> Depth, Option<int> Hidden, Option<string> Readout, Option<int> Epochs, Option<int> Ensemble, Option<string> Device)
    {
        public static NetworkOptions AddTo(Command c)
        {
            var d = new DmpnnOptions();
            var o = new NetworkOptions(
                new Option<int>("--depth") { Description = "D-MPNN message-passing steps.", DefaultValueFactory = _ => d.Depth },
                new Option<int>("--hidden") { Description = "D-MPNN hidden size.", DefaultValueFactory = _ => d.Hidden },
                new Option<string>("--readout") { Description = "D-MPNN readout: mean or sum.", DefaultValueFactory = _ => d.Readout }.AcceptOnlyFromAmong("mean", "sum"),
                new Option<int>("--epochs") { Description = "D-MPNN epochs at most (early stopping on a 10 % validation split keeps the best).", DefaultValueFactory = _ => d.Epochs },
                new Option<int>("--ensemble") { Description = "D-MPNN networks in the ensemble (mean and spread).", DefaultValueFactory = _ => d.EnsembleSize },
                new Option<string>("--device") { Description = "auto, cpu or cuda (D-MPNN).", DefaultValueFactory = _ => "auto" }.AcceptOnlyFromAmong("auto", "cpu", "cuda"));
            foreach (var opt in new Option[] { o.Depth, o.Hidden, o.Readout, o.Epochs, o.Ensemble, o.Device }) c.Options.Add(opt);
            return o;
        }

        public DmpnnOptions Read(ParseResult p, bool verbose)
        {
            var o = new DmpnnOptions
            {
                Depth = p.GetValue(Depth), Hidden = p.GetValue(Hidden), FfnHidden = p.GetValue(Hidden), Readout = p.GetValue(Readout)!,
                Epochs = p.GetValue(Epochs), EnsembleSize = p.GetValue(Ensemble), Device = p.GetValue(Device)!,
                Progress = verbose ? (m, e, t, v) => Console.Error.WriteLine($"dmpnn member {m} epoch {e}: train loss {F(t, "0.0000")}, validation loss {F(v, "0.0000")}") : null,
            };
            o.Validate();
            return o;
        }
    }

    private static Command Train()
    {
        var c = new Command("train", "Train a model on the whole data set and save it.");
        var d = DataOptions.AddTo(c);
        var model = new Option<string>("--model") { Description = "gp, mlp, gbm or dmpnn.", Required = true }.AcceptOnlyFromAmong("gp", "mlp", "gbm", "dmpnn");
        var output = new Option<string>("--out") { Description = "Model file to write.", Required = true };
        c.Options.Add(model);
        c.Options.Add(output);
        c.SetAction(p =>
        {
            var settings = d.Settings(p);
            var options = d.Training(p, settings, verbose: true);
            var data = d.Load(p);
            var labels = data.Records.Select(r => QsarEvaluation.Label(r.Activity, settings)).ToArray();
            var sw = Stopwatch.StartNew();
            var (m, detail) = QsarTrainer.Train(p.GetValue(model)!, data.Records, labels, options);
            var path = p.GetValue(output)!;
            QsarModelFile.Save(m, path, Path.GetFileName(p.GetValue(d.Data)));
            (m as IDisposable)?.Dispose();
            Console.WriteLine($"trained {p.GetValue(model)} ({settings.Task.ToString().ToLowerInvariant()}) on {data.Records.Count} molecules of {Path.GetFileName(p.GetValue(d.Data))} in {F(sw.Elapsed.TotalSeconds, "0.0")} s: {detail}");
            Console.WriteLine($"wrote {path} (sha256 {QsarModelFile.Hash(path)})");
            return CliRunner.Ok;
        });
        return c;
    }

    private static Command Eval()
    {
        var c = new Command("eval", "Train on 80 % (scaffold or random split) and score on the rest, beside a nearest-neighbour baseline: " +
                                    "RMSE, R^2, Spearman and the uncertainty's calibration (regression), ROC-AUC and PR-AUC (classification).");
        var d = DataOptions.AddTo(c);
        var model = new Option<string[]>("--model") { Description = "gp, mlp, gbm, dmpnn and/or nn (repeat or comma-separate). The nn baseline is always added.", AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => ["gp", "mlp"] };
        var split = new Option<string>("--split") { Description = "scaffold (Bemis-Murcko groups, 80/20) or random (80/20).", DefaultValueFactory = _ => "scaffold" }.AcceptOnlyFromAmong("scaffold", "random");
        var format = new Option<string>("--format") { Description = "table, csv or json.", DefaultValueFactory = _ => "table" }.AcceptOnlyFromAmong(TabularOutput.Formats);
        c.Options.Add(model);
        c.Options.Add(split);
        c.Options.Add(format);
        c.SetAction(p =>
        {
            var kinds = p.GetValue(model)!.SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                .Select(k => QsarTrainer.ValidKind(k)).Append("nn").Distinct().ToList();
            var settings = d.Settings(p, p.GetValue(split)!);
            var options = d.Training(p, settings, verbose: false);
            var data = d.Load(p);
            var (s, results) = QsarEvaluation.Run(data, kinds, settings, options);
            var fmt = p.GetValue(format)!;
            if (fmt == "table")
            {
                var scaffolds = data.Records.Select(r => r.Scaffold).Distinct().Count();
                var task = settings.Task == QsarTask.Regression ? "regression" : FormattableString.Invariant($"classification (active: activity >= {settings.Threshold}; {s.Test.Count(i => data.Records[i].Activity >= settings.Threshold)} of {s.Test.Length} test molecules)");
                Console.WriteLine($"{Path.GetFileName(p.GetValue(d.Data))}: {data.Records.Count} molecules ({data.Skipped.Count} skipped), {scaffolds} scaffolds; {settings.Split} split seed {options.Seed}: {s.Train.Length} train / {s.Test.Length} test; {task}");
            }
            string[] cols = settings.Task == QsarTask.Regression
                ? ["model", "n_train", "n_test", "RMSE", "R2", "Spearman", "cover90", "rho_err_sd", "halfwidth90", "train_s", "predict_s", "detail"]
                : ["model", "n_train", "n_test", "ROC_AUC", "PR_AUC", "train_s", "predict_s", "detail"];
            var rows = results.Select(r => (IReadOnlyList<string>)(settings.Task == QsarTask.Regression
                ? [r.Kind, Int(r.TrainedOn), Int(r.Regression!.N), F(r.Regression.Rmse, "0.000"), F(r.Regression.R2, "0.000"), F(r.Regression.Spearman, "0.000"),
                   F(r.Calibration?.Coverage90 ?? double.NaN, "0.000"), F(r.Calibration?.ErrorSpreadSpearman ?? double.NaN, "0.000"), F(r.Calibration?.MeanHalfWidth90 ?? double.NaN, "0.000"),
                   F(r.TrainTime.TotalSeconds, "0.0"), F(r.PredictTime.TotalSeconds, "0.0"), r.Detail]
                : [r.Kind, Int(r.TrainedOn), Int(r.Classification!.N), F(r.Classification.RocAuc, "0.000"), F(r.Classification.PrAuc, "0.000"),
                   F(r.TrainTime.TotalSeconds, "0.0"), F(r.PredictTime.TotalSeconds, "0.0"), r.Detail])).ToList();
            TabularOutput.Write(Console.Out, fmt, cols, rows);
            return CliRunner.Ok;
        });
        return c;
    }

    private static Command Explain()
    {
        var c = new Command("explain", "Per-atom attributions of a saved model's prediction: integrated gradients (dmpnn) or fingerprint-bit occlusion mapped onto atoms (gp, mlp, gbm). Positive raises the prediction.");
        var model = new Option<string>("--model") { Description = "A saved model file (molgrid model train --out).", Required = true };
        var smiles = new Argument<string>("smiles") { Description = "The molecule to explain." };
        var svg = new Option<string?>("--svg") { Description = "Also write a depiction with atoms shaded by attribution (green raises, red lowers)." };
        var format = new Option<string>("--format") { Description = "table or json.", DefaultValueFactory = _ => "table" }.AcceptOnlyFromAmong("table", "json");
        c.Options.Add(model);
        c.Arguments.Add(smiles);
        c.Options.Add(svg);
        c.Options.Add(format);
        c.SetAction(p =>
        {
            var m = QsarModelFile.Load(p.GetValue(model)!);
            using var mol = MoleculeParser.ParseSmiles(p.GetValue(smiles)!);
            var a = QsarExplanation.Explain(m, mol);
            (m as IDisposable)?.Dispose();
            if (p.GetValue(svg) is { } svgPath) File.WriteAllText(svgPath, Depiction.ToSvgWithAtomWeights(mol, a.Normalised()));
            var atoms = MolGraph.Atoms(mol);
            if (p.GetValue(format) == "json")
            {
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    smiles = a.Smiles, model = a.ModelKind, method = a.Method, prediction = a.Prediction, baseline = a.Baseline,
                    atoms = a.Atoms.Select((w, i) => new { index = i, element = Elements.Symbol(atoms[i].AtomicNumber), attribution = w }),
                }, new JsonSerializerOptions { WriteIndented = true }));
                return CliRunner.Ok;
            }
            Console.WriteLine($"{a.Smiles}: {a.ModelKind} prediction {F(a.Prediction, "0.000")}, baseline {F(a.Baseline, "0.000")} ({a.Method}); attributions sum to {F(a.Atoms.Sum(), "0.000")}");
            TabularOutput.Write(Console.Out, "table", ["atom", "element", "attribution"],
                a.Atoms.Select((w, i) => (IReadOnlyList<string>)[Int(i), Elements.Symbol(atoms[i].AtomicNumber), F(w, "0.0000")]).ToList());
            return CliRunner.Ok;
        });
        return c;
    }

    private static string Int(int v) => v.ToString(CultureInfo.InvariantCulture);
}
