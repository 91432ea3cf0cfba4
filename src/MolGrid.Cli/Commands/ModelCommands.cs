using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using MolGrid.Pipelines.Qsar;

namespace MolGrid.Cli.Commands;

/// <summary>`molgrid model train` and `molgrid model eval`: QSAR models on a CSV of SMILES + pIC50.</summary>
internal static class ModelCommands
{
    private static string F(double v, string fmt) => v.ToString(fmt, CultureInfo.InvariantCulture);

    public static Command Create()
    {
        var cmd = new Command("model", "QSAR models (Tanimoto-kernel Gaussian process, fingerprint MLP) trained on SMILES + pIC50.");
        cmd.Subcommands.Add(Train());
        cmd.Subcommands.Add(Eval());
        return cmd;
    }

    private sealed record DataOptions(Option<string> Data, Option<string> SmilesColumn, Option<string?> ActivityColumn, Option<int> Seed, Option<int> MaxTrain)
    {
        public static DataOptions AddTo(Command c)
        {
            var o = new DataOptions(
                new Option<string>("--data") { Description = "CSV with a SMILES column and an activity (pIC50) column.", Required = true },
                new Option<string>("--smiles-column") { Description = "SMILES column name.", DefaultValueFactory = _ => "smiles" },
                new Option<string?>("--activity-column") { Description = "Activity column (default: the first whose name contains pIC50, else 'activity')." },
                new Option<int>("--seed") { Description = "Seed for the split, the GP subset and MLP training.", DefaultValueFactory = _ => 0 },
                new Option<int>("--max-train") { Description = "GP: largest training set (seeded random subset above it; exact GP is O(n^3)).", DefaultValueFactory = _ => 2000 });
            c.Options.Add(o.Data);
            c.Options.Add(o.SmilesColumn);
            c.Options.Add(o.ActivityColumn);
            c.Options.Add(o.Seed);
            c.Options.Add(o.MaxTrain);
            return o;
        }

        public QsarDataSet Load(ParseResult p)
        {
            var data = QsarDataSet.Load(p.GetValue(Data)!, p.GetValue(SmilesColumn)!, p.GetValue(ActivityColumn));
            foreach (var s in data.Skipped) Console.Error.WriteLine($"skipped line {s.Line} ({s.Smiles}): {s.Reason}");
            return data;
        }
    }

    private static Command Train()
    {
        var c = new Command("train", "Train a model on the whole data set and save it.");
        var d = DataOptions.AddTo(c);
        var model = new Option<string>("--model") { Description = "gp or mlp.", Required = true }.AcceptOnlyFromAmong("gp", "mlp");
        var output = new Option<string>("--out") { Description = "Model file to write (JSON).", Required = true };
        c.Options.Add(model);
        c.Options.Add(output);
        c.SetAction(p =>
        {
            var data = d.Load(p);
            var x = data.Records.Select(r => r.Fingerprint).ToArray();
            var y = data.Records.Select(r => r.Activity).ToArray();
            var sw = Stopwatch.StartNew();
            IQsarModel m;
            string detail;
            if (p.GetValue(model) == "gp")
            {
                var gp = GaussianProcessModel.Train(x, y, new GaussianProcessOptions { Seed = p.GetValue(d.Seed), MaxTrainingPoints = p.GetValue(d.MaxTrain) });
                (m, detail) = (gp, $"{gp.Targets.Count} training molecules, noise ratio {F(gp.NoiseRatio, "R")}, signal variance {F(gp.SignalVariance, "0.000")}, log ML {F(gp.LogMarginalLikelihood, "0.0")}");
            }
            else
            {
                var mlp = FingerprintMlp.Train(x, y, new FingerprintMlpOptions { Seed = p.GetValue(d.Seed) });
                (m, detail) = (mlp, $"{x.Length} molecules, best epoch {mlp.BestEpoch} of {mlp.EpochsRun}, validation RMSE {F(mlp.BestValidationRmse, "0.000")}");
            }
            var path = p.GetValue(output)!;
            QsarModelFile.Save(m, path, Path.GetFileName(p.GetValue(d.Data)));
            Console.WriteLine($"trained {m.Kind} on {Path.GetFileName(p.GetValue(d.Data))} in {F(sw.Elapsed.TotalSeconds, "0.0")} s: {detail}");
            Console.WriteLine($"wrote {path} (sha256 {QsarModelFile.Hash(path)})");
            return CliRunner.Ok;
        });
        return c;
    }

    private static Command Eval()
    {
        var c = new Command("eval", "Scaffold-split evaluation: RMSE, R^2 and Spearman on the test side, beside a nearest-neighbour baseline.");
        var d = DataOptions.AddTo(c);
        var model = new Option<string[]>("--model") { Description = "gp, mlp and/or nn (repeat or comma-separate). The nn baseline is always added.", AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => ["gp", "mlp"] };
        var split = new Option<string>("--split") { Description = "Split: scaffold (Bemis-Murcko, 80/20).", DefaultValueFactory = _ => "scaffold" }.AcceptOnlyFromAmong("scaffold");
        var format = new Option<string>("--format") { Description = "table, csv or json.", DefaultValueFactory = _ => "table" }.AcceptOnlyFromAmong(TabularOutput.Formats);
        c.Options.Add(model);
        c.Options.Add(split);
        c.Options.Add(format);
        c.SetAction(p =>
        {
            var kinds = p.GetValue(model)!.SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
            foreach (var k in kinds)
                if (k is not ("gp" or "mlp" or "nn")) throw new QsarDataException(k, "--model must be gp, mlp or nn");
            if (!kinds.Contains("nn")) kinds.Add("nn");
            kinds = kinds.Distinct().ToList();
            var data = d.Load(p);
            var seed = p.GetValue(d.Seed);
            var (s, results) = QsarEvaluation.Run(data, kinds, seed, new GaussianProcessOptions { MaxTrainingPoints = p.GetValue(d.MaxTrain) });
            var scaffolds = data.Records.Select(r => r.Scaffold).Distinct().Count();
            var fmt = p.GetValue(format)!;
            if (fmt == "table")
                Console.WriteLine($"{Path.GetFileName(p.GetValue(d.Data))}: {data.Records.Count} molecules ({data.Skipped.Count} skipped), {scaffolds} scaffolds; scaffold split seed {seed}: {s.Train.Length} train / {s.Test.Length} test");
            string[] cols = ["model", "n_train", "n_test", "RMSE", "R2", "Spearman", "train_s", "predict_s", "detail"];
            var rows = results.Select(r => (IReadOnlyList<string>)[r.Kind, r.TrainedOn.ToString(CultureInfo.InvariantCulture), r.Metrics.N.ToString(CultureInfo.InvariantCulture),
                F(r.Metrics.Rmse, "0.000"), F(r.Metrics.R2, "0.000"), F(r.Metrics.Spearman, "0.000"), F(r.TrainTime.TotalSeconds, "0.0"), F(r.PredictTime.TotalSeconds, "0.0"), r.Detail]).ToList();
            TabularOutput.Write(Console.Out, fmt, cols, rows);
            return CliRunner.Ok;
        });
        return c;
    }
}
