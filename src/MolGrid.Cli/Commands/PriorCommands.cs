using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using MolGrid.Molecules;
using MolGrid.Pipelines.Design.Generators.Reinvent;

namespace MolGrid.Cli.Commands;

/// <summary>`molgrid prior ...`: the SMILES language-model prior of the reinvent generator (corpus preparation,
/// training, sampling, fine-tuning).</summary>
internal static partial class PriorCommands
{
    private static string F(double v, string fmt) => v.ToString(fmt, CultureInfo.InvariantCulture);

    public static Command Create()
    {
        var cmd = new Command("prior", "SMILES RNN prior for the reinvent generator: prepare a corpus, train, sample, fine-tune.");
        cmd.Subcommands.Add(Corpus());
        AddModelCommands(cmd);
        return cmd;
    }

    static partial void AddModelCommands(Command cmd);

    private static Command Corpus()
    {
        var c = new Command("corpus", "Prepare a training corpus GuacaMol's way: largest fragment, allowed elements, canonical SMILES " +
                                      "without stereo, at most 100 characters, none within ECFP4 Tanimoto 0.323 of a PMO reference molecule.");
        var input = new Option<string>("--in") { Description = "SMILES file (.csv/.smi, optionally .gz).", Required = true };
        var output = new Option<string>("--out") { Description = "Corpus to write (.csv.gz, one 'smiles' column).", Required = true };
        var minToken = new Option<int>("--min-token-count") { Description = "Tokens seen in fewer molecules are dropped with their molecules.", DefaultValueFactory = _ => 20 };
        c.Options.Add(input);
        c.Options.Add(output);
        c.Options.Add(minToken);
        c.SetAction(p =>
        {
            var path = p.GetValue(input)!;
            if (!File.Exists(path)) throw new InvalidInputException(path, "corpus file not found");
            if (p.GetValue(minToken) < 1) throw new InvalidInputException("--min-token-count", "must be at least 1");
            var sw = Stopwatch.StartNew();
            var raw = MoleculeFiles.ReadRecords(path).Select(r => r.Text ?? "").ToList();
            Console.Error.WriteLine($"read {raw.Count} SMILES from {path}");
            var holdout = new HoldoutSimilarityFilter(PmoReferenceMolecules.All);
            var (smiles, vocabulary, report) = PriorCorpus.Prepare(raw, holdout, p.GetValue(minToken),
                n => Console.Error.WriteLine($"  standardised {n}/{raw.Count} ({F(sw.Elapsed.TotalSeconds, "0")} s)"));
            WriteCorpus(p.GetValue(output)!, smiles);
            Console.WriteLine($"read {report.Read}; invalid {report.Invalid}; disallowed elements {report.DisallowedElements}; " +
                              $"over {PriorCorpus.MaxCanonicalLength} characters {report.TooLong}; within ECFP4 Tanimoto {F(holdout.Cutoff, "0.000")} of " +
                              $"the {holdout.HoldoutCount} PMO reference molecules {report.SimilarToHoldout}; duplicates {report.Duplicates}; " +
                              $"rare tokens {report.RareTokens}; kept {report.Kept}; vocabulary {report.VocabularySize} tokens ({F(sw.Elapsed.TotalSeconds, "0.0")} s)");
            Console.WriteLine("removed by nearest reference: " +
                              string.Join(", ", report.ExcludedByReference.Select(kv => $"{kv.Key} {kv.Value}")));
            Console.WriteLine($"wrote {p.GetValue(output)}");
            return CliRunner.Ok;
        });
        return c;
    }

    internal static void WriteCorpus(string path, IEnumerable<string> smiles)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        using var file = File.Create(path);
        Stream s = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionLevel.SmallestSize) : file;
        using var w = new StreamWriter(s);
        w.WriteLine("smiles");
        foreach (var x in smiles) w.WriteLine(x);
    }
}
