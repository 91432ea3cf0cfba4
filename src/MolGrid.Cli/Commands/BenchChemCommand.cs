using System.CommandLine;
using MolGrid.Cli.Bench;

namespace MolGrid.Cli.Commands;

/// <summary>`molgrid bench chem`: MolGrid's chemistry core against python3-rdkit on the same molecules
/// (see <see cref="ChemBenchmark"/>).</summary>
public static class BenchChemCommand
{
    /// <summary>Adds `chem` under the root's `bench` command.</summary>
    public static void AddTo(RootCommand root) => BenchCommand.Of(root).Subcommands.Add(Create());

    public static Command Create()
    {
        var input = new Option<string>("--in", "-i") { Description = "SMILES file to featurise (default: samples/wehi_10k.csv)." };
        var queries = new Option<int>("--queries") { Description = "Tanimoto queries (spread over the set).", DefaultValueFactory = _ => 100 };
        var k = new Option<int>("-k") { Description = "Neighbours per query.", DefaultValueFactory = _ => 10 };
        var rounds = new Option<int>("--rounds") { Description = "Alternating rounds per side; each side reports its fastest.", DefaultValueFactory = _ => 3 };
        var python = new Option<string>("--python") { Description = "python3 with python3-rdkit.", DefaultValueFactory = _ => "/usr/bin/python3" };
        var cmd = new Command("chem",
            "Featurise molecules (parse, canonical SMILES, descriptors, Morgan 2048) and run Tanimoto top-k with MolGrid and with " +
            "python3-rdkit; check they agree; print throughput and, last, 'featurize x<ratio> tanimoto x<ratio>'.")
        {
            input, queries, k, rounds, python,
        };
        cmd.SetAction(parse =>
        {
            if (parse.GetValue(queries) < 1 || parse.GetValue(k) < 1 || parse.GetValue(rounds) < 1)
                throw new InvalidInputException("--queries/-k/--rounds", "must be at least 1");
            var options = new ChemBenchmarkOptions
            {
                InputPath = parse.GetValue(input) ?? Path.Combine(MolGridPaths.Samples, "wehi_10k.csv"),
                PythonScript = Path.Combine(MolGridPaths.Home, "molecules", "bench", "rdkit_chem_bench.py"),
                Python = parse.GetValue(python)!,
                Queries = parse.GetValue(queries),
                K = parse.GetValue(k),
                Rounds = parse.GetValue(rounds),
            };
            var result = ChemBenchmark.Run(options, Console.Error);
            ChemBenchmark.Print(result, Console.Out);
            if (!result.Agree)
            {
                Console.Error.WriteLine("MolGrid and RDKit-Python disagree (see the agreement line)");
                return CliRunner.Failure;
            }
            return CliRunner.Ok;
        });
        return cmd;
    }
}
