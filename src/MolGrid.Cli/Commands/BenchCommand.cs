using System.CommandLine;

namespace MolGrid.Cli.Commands;

/// <summary>The one `bench` command: each benchmark module adds its subcommand under it, whichever comes first.</summary>
public static class BenchCommand
{
    public static Command Of(RootCommand root)
    {
        if (root.Subcommands.FirstOrDefault(c => c.Name == "bench") is { } bench) return bench;
        bench = new Command("bench", "Benchmarks that print figures against a named baseline on the same input.");
        root.Subcommands.Add(bench);
        return bench;
    }
}
