using System.CommandLine;
using System.Globalization;
using MolGrid.Cli.Campaigns;
using MolGrid.Grains;
using MolGrid.Molecules;
using MolGrid.Pipelines.Expression;
using MolGrid.Pipelines.Targets;

namespace MolGrid.Cli.Commands;

/// <summary>`molgrid demo`: a tour of what MolGrid does, on shipped data only. Each part is one small method
/// so later features add their own step.</summary>
public static class DemoCommand
{
    public static Command Create()
    {
        var cmd = new Command("demo",
            "MolGrid's main job on the embedded default, on shipped data: describe molecules, pick targets from " +
            "the Golub AML-vs-ALL expression data, then run a design campaign on the embedded grid " +
            "(in-memory bus, SQLite in $MOLGRID_DATA) and print its best candidates.");
        var data = new Option<string?>("--data") { Description = "Embedded grid's data directory (default $MOLGRID_DATA or MOLGRID_HOME/.molgrid)" };
        cmd.Options.Add(data);
        cmd.SetAction(async (p, ct) =>
        {
            Chemistry(Console.Out, MolGridPaths.Samples);
            Targets(Console.Out, MolGridPaths.Samples);
            var status = await CampaignAsync(Console.Out, MolGridPaths.Samples, Path.GetFullPath(p.GetValue(data) ?? MolGridPaths.Data), ct);
            return status == CampaignStatus.Completed ? CliRunner.Ok : CliRunner.Failure;
        });
        return cmd;
    }

    /// <summary>Describes a few shipped molecules and searches the shipped WEHI set for the neighbours of one.</summary>
    public static void Chemistry(TextWriter output, string samplesDir)
    {
        var path = Path.Combine(samplesDir, "wehi_10k.csv");
        var records = MoleculeFiles.ReadRecords(path).Take(3).ToArray();
        output.WriteLine($"== Chemistry: {path} (RDKit {RdkitInfo.Version})");
        using (var alerts = new StructuralAlerts())
        {
            foreach (var r in records)
            {
                var p = MoleculeProfile.Of(r.Text!, alerts);
                output.WriteLine($"{r.Id}: {p.CanonicalSmiles}");
                output.WriteLine($"  key {p.Key}  formula {p.Formula}  MW {p.Descriptors["mw"]:F2}  cLogP {p.Descriptors["clogp"]:F2}  TPSA {p.Descriptors["tpsa"]:F1}");
                output.WriteLine($"  QED {p.Qed:F3}  SA score {p.SaScore:F2}  alerts {(p.Alerts.Count == 0 ? "none" : string.Join("; ", p.Alerts.Select(a => $"{a.Catalog}: {a.Description}")))}");
                output.WriteLine($"  Murcko scaffold {(p.MurckoScaffold.Length == 0 ? "(acyclic)" : p.MurckoScaffold)}");
            }
        }
        var (index, _) = MolCommands.BuildIndex(path, null, skipInvalid: false);
        var query = records[0];
        output.WriteLine($"== Nearest neighbours of {query.Id} among {index.Count} molecules (Morgan r=2, 2048 bits, Tanimoto)");
        output.Write(MolCommands.FormatHits(index.TopK(query.Text!, 5), "table"));
    }

    /// <summary>Differential expression on the shipped Golub data (AML cases vs ALL controls) and the catalogue's
    /// targets ranked by that evidence.</summary>
    public static void Targets(TextWriter output, string samplesDir)
    {
        var expression = Path.Combine(samplesDir, "expression", "golub_all_vs_aml.csv");
        var matrix = ExpressionMatrixReader.Read(expression);
        var de = DifferentialExpression.Run(matrix, SampleGroups.FromPrefixes(matrix, "AML", "ALL"));
        var catalogue = TargetCatalogue.Load(Path.Combine(samplesDir, "targets", "catalogue.yaml"));
        output.WriteLine();
        output.WriteLine($"== Targets: {expression}, AML (n={de.Groups.CaseColumns.Count}) vs ALL (n={de.Groups.ControlColumns.Count}), limma moderated t, {de.Genes.Count} genes");
        foreach (var t in TargetRanking.Rank(catalogue, de))
            output.WriteLine($"{t.Rank}. {t.Target.Id,-14} {t.Reason}");
    }

    /// <summary>Submits samples/design/demo.yaml to the embedded grid, follows it round by round and prints the
    /// ten best candidates.</summary>
    public static async Task<CampaignStatus> CampaignAsync(TextWriter output, string samplesDir, string dataDir, CancellationToken ct)
    {
        var specPath = Path.Combine(samplesDir, "design", "demo.yaml");
        await using var grid = await EmbeddedCampaignBackend.StartAsync(dataDir, runWork: true, ct);
        var info = await grid.SubmitAsync(await File.ReadAllTextAsync(specPath, ct), null, null, ct);
        output.WriteLine();
        output.WriteLine($"== Campaign {info.Id} ({info.Name}) from {specPath} on the {grid.Description}");
        var started = DateTime.UtcNow;
        await foreach (var (now, round) in grid.WatchAsync(info.Id, ct))
        {
            info = now;
            if (round is not null)
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"round {round.Round}: {round.OracleCalls}/{now.Budget} oracle calls, best {round.BestScore:0.000}, mean {round.MeanScore:0.000}, best so far {round.BestSoFar:0.000}"));
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{info.Status}: {info.OracleCalls} molecules scored in {info.Round} rounds, {(DateTime.UtcNow - started).TotalSeconds:0.0} s{(info.Error is null ? "" : $" ({info.Error})")}"));
        if (info.Status != CampaignStatus.Completed) return info.Status;
        var top = await grid.QueryAsync(info.Id, new CandidateFilterArgs([], null, null, null, "score", null), 1, 10, ct);
        output.WriteLine("rank  score  qed    sa     tpsa   hERG pIC50  SMILES");
        foreach (var c in top.Items)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{c.Rank,4}  {c.Score:0.000}  {Value(c, "qed.raw"),5}  {Value(c, "sa.raw"),5}  {Value(c, "tpsa.raw"),5}  {Value(c, "herg_pic50.raw"),10}  {c.Smiles}"));
        output.WriteLine($"More: ./molgrid campaign top {info.Id} | ./molgrid campaign export {info.Id} --format sdf --out best.sdf | ./molgrid serve");
        return info.Status;
    }

    private static string Value(Candidate c, string component) =>
        c.Components.TryGetValue(component, out var v) ? v.ToString(v >= 100 ? "0" : "0.00", CultureInfo.InvariantCulture) : "-";
}
