using System.CommandLine;
using System.Globalization;
using MolGrid.Pipelines.Expression;
using MolGrid.Pipelines.Targets;

namespace MolGrid.Cli.Commands;

/// <summary>`molgrid expression de`, `molgrid targets rank`, `molgrid model train|eval`, `molgrid dock`: from
/// expression data to targets to affinity scores.</summary>
public static class TargetCommands
{
    public static IEnumerable<Command> Create() => [ExpressionCommand(), TargetsCommand(), ModelCommands.Create(), DockCommand.Create()];

    private static string F(double v, string fmt) => v.ToString(fmt, CultureInfo.InvariantCulture);

    internal static string DefaultCatalogue => Path.Combine(MolGridPaths.Samples, "targets", "catalogue.yaml");

    private sealed record GroupOptions(Option<string> Expression, Option<string> Case, Option<string> Control, Option<string?> Sheet)
    {
        public static GroupOptions AddTo(Command cmd)
        {
            var o = new GroupOptions(
                new Option<string>("--expression") { Description = "Expression matrix: CSV, TSV or GCT; genes as rows, samples as columns.", Required = true },
                new Option<string>("--case") { Description = "Case (disease) group: a sample-name prefix (AML matches AML_1...) or a group in the sample sheet.", Required = true },
                new Option<string>("--control") { Description = "Control group, as --case.", Required = true },
                new Option<string?>("--sample-sheet") { Description = "CSV with columns sample,group; without it groups come from column-name prefixes." });
            cmd.Options.Add(o.Expression);
            cmd.Options.Add(o.Case);
            cmd.Options.Add(o.Control);
            cmd.Options.Add(o.Sheet);
            return o;
        }

        public DifferentialExpressionResult Run(ParseResult p)
        {
            var matrix = ExpressionMatrixReader.Read(p.GetValue(Expression)!);
            var sheet = p.GetValue(Sheet);
            var groups = sheet is null
                ? SampleGroups.FromPrefixes(matrix, p.GetValue(Case)!, p.GetValue(Control)!)
                : SampleGroups.FromSheet(matrix, sheet, p.GetValue(Case)!, p.GetValue(Control)!);
            return DifferentialExpression.Run(matrix, groups);
        }
    }

    private static Option<string> FormatOption() =>
        new Option<string>("--format") { Description = "table, csv or json.", DefaultValueFactory = _ => "table" }.AcceptOnlyFromAmong(TabularOutput.Formats);

    private static Command ExpressionCommand()
    {
        var de = new Command("de", "Differential expression, case vs control: limma moderated t (lmFit + eBayes), BH-adjusted p, Welch t.");
        var groups = GroupOptions.AddTo(de);
        var top = new Option<int>("--top") { Description = "Print the top N genes (0: all).", DefaultValueFactory = _ => 20 };
        var format = FormatOption();
        de.Options.Add(top);
        de.Options.Add(format);
        de.SetAction(p =>
        {
            var r = groups.Run(p);
            var n = p.GetValue(top);
            var genes = n > 0 ? r.Genes.Take(n).ToList() : r.Genes.ToList();
            string[] cols = ["rank", "probe", "symbol", "logFC", "AveExpr", "t", "P.Value", "adj.P.Val", "B", "welch_t"];
            var rows = genes.Select(g => (IReadOnlyList<string>)[g.Rank.ToString(CultureInfo.InvariantCulture), g.Probe, g.Symbol ?? "", F(g.LogFC, "0.0000"), F(g.AveExpr, "0.0000"),
                F(g.T, "0.000"), F(g.P, "0.00e+00"), F(g.AdjP, "0.00e+00"), F(g.B, "0.000"), F(g.WelchT, "0.000")]).ToList();
            var fmt = p.GetValue(format)!;
            if (fmt == "table")
                Console.WriteLine($"{r.Groups.CaseName} (n={r.Groups.CaseColumns.Count}) vs {r.Groups.ControlName} (n={r.Groups.ControlColumns.Count}), {r.Genes.Count} genes analysed, {r.Dropped.Count} dropped; prior df {F(r.PriorDf, "0.000")}, s0^2 {F(r.PriorVariance, "0.0000")}, df total {F(r.TotalDf, "0.000")}");
            TabularOutput.Write(Console.Out, fmt, cols, rows, genes.Select(g => new Dictionary<string, object?>
            {
                ["rank"] = g.Rank, ["probe"] = g.Probe, ["symbol"] = g.Symbol, ["logFC"] = g.LogFC, ["AveExpr"] = g.AveExpr, ["t"] = g.T,
                ["P.Value"] = g.P, ["adj.P.Val"] = g.AdjP, ["B"] = g.B, ["welch_t"] = g.WelchT, ["welch_df"] = g.WelchDf, ["welch_p"] = g.WelchP,
            }));
            if (fmt == "table")
                foreach (var d in r.Dropped) Console.WriteLine($"dropped {d.Probe}: {d.Reason}");
            else
                foreach (var d in r.Dropped) Console.Error.WriteLine($"dropped {d.Probe}: {d.Reason}");
            return CliRunner.Ok;
        });
        var cmd = new Command("expression", "Gene-expression analysis.");
        cmd.Subcommands.Add(de);
        return cmd;
    }

    private static Command TargetsCommand()
    {
        var rank = new Command("rank", "Rank catalogue targets by expression evidence (up in case: inhibition target) and say why.");
        var groups = GroupOptions.AddTo(rank);
        var catalogue = new Option<string?>("--catalogue") { Description = "Target catalogue YAML (default: samples/targets/catalogue.yaml)." };
        var alpha = new Option<double>("--max-adj-p") { Description = "BH-adjusted p below which a change counts.", DefaultValueFactory = _ => 0.05 };
        var format = FormatOption();
        rank.Options.Add(catalogue);
        rank.Options.Add(alpha);
        rank.Options.Add(format);
        rank.SetAction(p =>
        {
            var cat = TargetCatalogue.Load(p.GetValue(catalogue) ?? DefaultCatalogue);
            var de = groups.Run(p);
            var ranked = TargetRanking.Rank(cat, de, new TargetRankingOptions { MaxAdjustedP = p.GetValue(alpha) });
            string[] cols = ["rank", "target", "gene", "role", "evidence", "scoring", "probe", "logFC", "t", "adj.P.Val", "reason"];
            var rows = ranked.Select(r => (IReadOnlyList<string>)[r.Rank.ToString(CultureInfo.InvariantCulture), r.Target.Id, r.Target.Gene ?? "-",
                r.Target.Role == TargetRole.AntiTarget ? "anti_target" : "target", Snake(r.Evidence), r.Scoring,
                r.BestProbe?.Probe ?? "-", r.BestProbe is null ? "-" : F(r.BestProbe.LogFC, "0.000"), r.BestProbe is null ? "-" : F(r.BestProbe.T, "0.000"),
                r.BestProbe is null ? "-" : F(r.BestProbe.AdjP, "0.00e+00"), r.Reason]).ToList();
            TabularOutput.Write(Console.Out, p.GetValue(format)!, cols, rows, ranked.Select(r => new Dictionary<string, object?>
            {
                ["rank"] = r.Rank, ["target"] = r.Target.Id, ["gene"] = r.Target.Gene, ["role"] = r.Target.Role == TargetRole.AntiTarget ? "anti_target" : "target",
                ["evidence"] = Snake(r.Evidence), ["scoring"] = r.Scoring, ["probe"] = r.BestProbe?.Probe, ["probes"] = r.ProbeCount,
                ["logFC"] = r.BestProbe?.LogFC, ["t"] = r.BestProbe?.T, ["adj_p"] = r.BestProbe?.AdjP, ["reason"] = r.Reason,
            }));
            return CliRunner.Ok;
        });
        var cmd = new Command("targets", "Targets from expression evidence.");
        cmd.Subcommands.Add(rank);
        return cmd;
    }

    private static string Snake(TargetEvidence e) => e switch
    {
        TargetEvidence.Candidate => "candidate",
        TargetEvidence.AntiTarget => "anti_target",
        TargetEvidence.Down => "down",
        TargetEvidence.NotChanged => "not_changed",
        TargetEvidence.NotMeasured => "not_measured",
        _ => "no_gene",
    };
}
