using System.CommandLine;
using MolGrid.Cli.Bench;

namespace MolGrid.Cli.Commands;

/// <summary>`molgrid bench embedded`: one design spec on the embedded Orleans grid against `design run`
/// in-process (see <see cref="EmbeddedBenchmark"/>).</summary>
public static class BenchEmbeddedCommand
{
    /// <summary>Adds `embedded` under the root's `bench` command.</summary>
    public static void AddTo(RootCommand root) => BenchCommand.Of(root).Subcommands.Add(Create());

    public static Command Create()
    {
        var spec = new Argument<string?>("SPEC") { Description = "Design spec (default: samples/design/example.yaml).", Arity = ArgumentArity.ZeroOrOne };
        var budget = new Option<int?>("--budget") { Description = "Oracle calls, replacing the spec's budget (default: 2000; 0 keeps the spec's)." };
        var runs = new Option<int>("--runs") { Description = "Alternating runs per side; each side reports its fastest.", DefaultValueFactory = _ => 1 };
        var cmd = new Command("embedded",
            "Run a design spec on the embedded grid (`campaign submit`) and in-process (`design run`), each in its own child " +
            "process; compare their rankings; print wall time, CPU time, peak RSS and, last, 'embedded vs in-process: <ratio>x wall ...'.")
        {
            spec, budget, runs,
        };
        cmd.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(spec) ?? Path.Combine(MolGridPaths.Samples, "design", "example.yaml");
            if (!File.Exists(path)) throw new InvalidInputException(path, "no such spec file");
            var b = parse.GetValue(budget) ?? 2000;
            if (b < 0) throw new InvalidInputException("--budget", "must be 0 (the spec's) or more");
            if (parse.GetValue(runs) < 1) throw new InvalidInputException("--runs", "must be at least 1");
            var result = await EmbeddedBenchmark.RunAsync(new EmbeddedBenchmarkOptions
            {
                SpecPath = path, Budget = b == 0 ? null : b, Runs = parse.GetValue(runs),
                CliDll = typeof(BenchEmbeddedCommand).Assembly.Location,
            }, Console.Error, ct);
            EmbeddedBenchmark.Print(result, Console.Out);
            if (result.RankingDifference is not null)
            {
                Console.Error.WriteLine("the embedded grid and the in-process run ranked differently (see the rankings line)");
                return CliRunner.Failure;
            }
            return CliRunner.Ok;
        });
        return cmd;
    }
}
