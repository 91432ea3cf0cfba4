using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using MolGrid.Molecules;

namespace MolGrid.Cli.Commands;

/// <summary>`molgrid mol ...`: describe, search, depict and embed molecules. Every command computes its whole
/// result before writing anything, so a bad input leaves stdout empty (exit 2, message on stderr).</summary>
public static class MolCommands
{
    internal static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        // SMILES are full of + [ ] = # that the default encoder would write as \uXXXX.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Command Create()
    {
        var mol = new Command("mol", "Molecule tools backed by RDKit: describe, search, depict, embed.");
        mol.Subcommands.Add(Describe());
        mol.Subcommands.Add(Search());
        mol.Subcommands.Add(Depict());
        mol.Subcommands.Add(Embed());
        return mol;
    }

    private static Command Describe()
    {
        var smiles = new Argument<string>("smiles") { Description = "The molecule as SMILES (quote it in the shell)." };
        var cmd = new Command("describe",
            "Print a molecule's canonical SMILES, key, formula, descriptors, QED, SA score, PAINS/Brenk alerts and Murcko scaffold as JSON.")
        {
            smiles,
        };
        cmd.SetAction(parse =>
        {
            using var alerts = new StructuralAlerts();
            var text = ToJson(MoleculeProfile.Of(parse.GetValue(smiles)!, alerts));
            Console.Out.WriteLine(text);
            return CliRunner.Ok;
        });
        return cmd;
    }

    internal static string ToJson(MoleculeProfile p) => JsonSerializer.Serialize(new
    {
        input = p.Input,
        canonical_smiles = p.CanonicalSmiles,
        key = p.Key,
        formula = p.Formula,
        descriptors = p.Descriptors,
        qed = p.Qed,
        sa_score = p.SaScore,
        alerts = p.Alerts.Select(a => new { catalog = a.Catalog, description = a.Description }),
        murcko_scaffold = p.MurckoScaffold,
    }, Json);

    private static Command Search()
    {
        var input = new Option<string>("--in", "-i") { Description = "Molecule file: .smi, .csv, .tsv, .txt or .sdf (optionally .gz).", Required = true };
        var query = new Option<string>("--query", "-q") { Description = "Query molecule as SMILES.", Required = true };
        var k = new Option<int>("-k", "--top") { Description = "Number of neighbours to report.", DefaultValueFactory = _ => 10 };
        var threshold = new Option<double?>("--threshold", "-t") { Description = "Report every molecule with Tanimoto at least this (0..1) instead of the top k." };
        var format = new Option<string>("--format", "-f") { Description = "Output format.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json", "csv");
        var skipInvalid = new Option<bool>("--skip-invalid") { Description = "Skip records that do not parse (counted on stderr) instead of failing." };
        var smilesColumn = new Option<string?>("--smiles-column") { Description = "Name of the SMILES column of a CSV/TSV with a header." };
        var idColumn = new Option<string?>("--id-column") { Description = "Name of the id column of a CSV/TSV with a header." };
        var cmd = new Command("search", "Nearest neighbours of a query in a molecule file by Tanimoto similarity of Morgan fingerprints (radius 2, 2048 bits).")
        {
            input, query, k, threshold, format, skipInvalid, smilesColumn, idColumn,
        };
        cmd.SetAction(parse =>
        {
            var path = parse.GetValue(input)!;
            var top = parse.GetValue(k);
            if (top < 1) throw new InvalidInputException($"-k {top}", "must be at least 1");
            var min = parse.GetValue(threshold);
            if (min is { } t && (double.IsNaN(t) || t < 0 || t > 1)) throw new InvalidInputException($"--threshold {t}", "must be within 0..1");
            var querySmiles = parse.GetValue(query)!;
            using (MoleculeParser.ParseSmiles(querySmiles)) { }

            var options = new SmilesFileOptions { SmilesColumn = parse.GetValue(smilesColumn), IdColumn = parse.GetValue(idColumn) };
            var (index, skipped) = BuildIndex(path, options, parse.GetValue(skipInvalid));
            if (skipped > 0) Console.Error.WriteLine($"skipped {skipped} invalid record(s) of {path}");
            var hits = min is { } m ? index.WithinThreshold(querySmiles, m) : index.TopK(querySmiles, top);
            Console.Out.Write(FormatHits(hits, parse.GetValue(format)!));
            return CliRunner.Ok;
        });
        return cmd;
    }

    /// <summary>Reads a molecule file into a fingerprint index; invalid records fail (naming file and line)
    /// unless skipped.</summary>
    internal static (FingerprintIndex Index, int Skipped) BuildIndex(string path, SmilesFileOptions? options, bool skipInvalid)
    {
        var records = new List<(string, string)>();
        var skipped = 0;
        foreach (var r in MoleculeFiles.ReadRecords(path, options))
        {
            if (r.Format == "smiles" && r.Error is null)
            {
                records.Add((r.Id, r.Text!));
                continue;
            }
            try
            {
                using var mol = r.Parse();
                records.Add((r.Id, MoleculeWriter.CanonicalSmiles(mol)));
            }
            catch (MoleculeFileException) when (skipInvalid)
            {
                skipped++;
            }
        }
        if (records.Count == 0) throw new MoleculeFileException(path, "no molecules in the file");
        try
        {
            return (FingerprintIndex.Build(records), skipped);
        }
        catch (InvalidMoleculeException) when (skipInvalid)
        {
            var valid = records.Where(r => MoleculeParser.TryParseSmiles(r.Item2, out var m, out _) && Dispose(m)).ToList();
            if (valid.Count == 0) throw new MoleculeFileException(path, "no valid molecules in the file");
            return (FingerprintIndex.Build(valid), skipped + records.Count - valid.Count);
        }
        catch (InvalidMoleculeException e)
        {
            var line = FindLine(path, options, e.Input);
            throw new MoleculeFileException(path, $"{line}'{e.Input}': {e.Reason} (use --skip-invalid to skip such records)");
        }
    }

    private static bool Dispose(Molecule? m)
    {
        m?.Dispose();
        return true;
    }

    private static string FindLine(string path, SmilesFileOptions? options, string smiles)
    {
        var r = MoleculeFiles.ReadRecords(path, options).FirstOrDefault(x => x.Text == smiles);
        return r is null ? "" : $"line {r.Line}: ";
    }

    internal static string FormatHits(IReadOnlyList<SimilarityHit> hits, string format)
    {
        var sb = new StringBuilder();
        switch (format)
        {
            case "json":
                sb.AppendLine(JsonSerializer.Serialize(hits.Select(h => new { rank = h.Rank, id = h.Id, smiles = h.Smiles, similarity = h.Similarity }), Json));
                break;
            case "csv":
                sb.AppendLine("rank,id,smiles,similarity");
                foreach (var h in hits)
                    sb.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{h.Rank},{Csv(h.Id)},{Csv(h.Smiles)},{h.Similarity:R}"));
                break;
            default:
                var idWidth = Math.Max(2, hits.Select(h => h.Id.Length).DefaultIfEmpty(2).Max());
                sb.AppendLine($"{"rank",4}  {"id".PadRight(idWidth)}  {"similarity",10}  smiles");
                foreach (var h in hits)
                    sb.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{h.Rank,4}  {h.Id.PadRight(idWidth)}  {h.Similarity,10:F4}  {h.Smiles}"));
                break;
        }
        return sb.ToString();
    }

    /// <summary>Writes an output file; a path that cannot be written is the user's input error (exit 2).</summary>
    private static void WriteOutput(string path, string text)
    {
        try
        {
            File.WriteAllText(path, text);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidInputException(path, $"cannot write the output file: {e.Message}");
        }
    }

    private static string Csv(string s) => s.IndexOfAny([',', '"', '\n']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;

    private static Command Depict()
    {
        var smiles = new Argument<string>("smiles") { Description = "The molecule as SMILES." };
        var output = new Option<string>("--out", "-o") { Description = "SVG file to write.", Required = true };
        var width = new Option<int>("--width") { Description = "Width in pixels (16..4096).", DefaultValueFactory = _ => 300 };
        var height = new Option<int>("--height") { Description = "Height in pixels (16..4096).", DefaultValueFactory = _ => 200 };
        var cmd = new Command("depict", "Draw a molecule as SVG (RDKit MolDraw2D).") { smiles, output, width, height };
        cmd.SetAction(parse =>
        {
            var w = parse.GetValue(width);
            var h = parse.GetValue(height);
            if (w is < 16 or > 4096 || h is < 16 or > 4096) throw new InvalidInputException($"{w}x{h}", "width and height must be within 16..4096");
            using var mol = MoleculeParser.ParseSmiles(parse.GetValue(smiles)!);
            var svg = Depiction.ToSvg(mol, w, h);
            WriteOutput(parse.GetValue(output)!, svg);
            Console.Out.WriteLine($"wrote {parse.GetValue(output)}");
            return CliRunner.Ok;
        });
        return cmd;
    }

    private static Command Embed()
    {
        var smiles = new Argument<string>("smiles") { Description = "The molecule as SMILES." };
        var output = new Option<string>("--out", "-o") { Description = "SDF file to write (3D, with hydrogens).", Required = true };
        var seed = new Option<int>("--seed") { Description = "Random seed of the embedding (same seed, same coordinates).", DefaultValueFactory = _ => 42 };
        var cmd = new Command("embed", "Generate a 3D conformer (ETKDGv3, then MMFF94) and write it as SDF.") { smiles, output, seed };
        cmd.SetAction(parse =>
        {
            var text = parse.GetValue(smiles)!;
            using var mol = MoleculeParser.ParseSmiles(text);
            var conf = Conformers.Embed(mol, parse.GetValue(seed));
            var sdf = conf.MolBlock.TrimEnd('\n') + "\n" +
                      string.Create(CultureInfo.InvariantCulture, $"> <MMFF_ENERGY>\n{conf.MmffEnergy:R}\n\n> <SMILES>\n{text}\n\n$$$$\n");
            WriteOutput(parse.GetValue(output)!, sdf);
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {parse.GetValue(output)} (MMFF94 energy {conf.MmffEnergy:F3} kcal/mol)"));
            return CliRunner.Ok;
        });
        return cmd;
    }
}
