using System.CommandLine;
using MolGrid.Molecules;

namespace MolGrid.Cli.Commands;

public static class VersionCommand
{
    public static Command Create()
    {
        var cmd = new Command("version", "Print MolGrid's and RDKit's versions.");
        cmd.SetAction(_ =>
        {
            Console.WriteLine($"molgrid {typeof(VersionCommand).Assembly.GetName().Version} (RDKit {RdkitInfo.Version})");
            return CliRunner.Ok;
        });
        return cmd;
    }
}
