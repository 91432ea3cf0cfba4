using System.CommandLine;
using MolGrid.Molecules;

namespace MolGrid.Cli.Commands;

/// <summary>`molgrid demo`: a tour of what MolGrid does, on shipped data only. Each part is one small method
/// so later features add their own step.</summary>
public static class DemoCommand
{
    public static Command Create()
    {
        var cmd = new Command("demo", "Run a short tour of MolGrid on the shipped sample molecules (samples/).");
        cmd.SetAction(_ =>
        {
            Chemistry(Console.Out, MolGridPaths.Samples);
            return CliRunner.Ok;
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
}
