using System.CommandLine;
using MolGrid.Cli;
using MolGrid.Cli.Commands;

var root = new RootCommand("MolGrid: a drug-discovery compute grid. Generate, score and rank molecules against targets.");
// One module per feature; each adds its own subcommands.
root.Subcommands.Add(VersionCommand.Create());
root.Subcommands.Add(MolCommands.Create());
root.Subcommands.Add(DemoCommand.Create());
BenchChemCommand.AddTo(root);
foreach (var c in TargetCommands.Create()) root.Subcommands.Add(c);
root.Subcommands.Add(CampaignCommands.Create());
root.Subcommands.Add(ServeCommand.Create());
BenchPmoCommand.AddTo(root);
BenchEmbeddedCommand.AddTo(root);
BenchRlStepCommand.AddTo(root);
root.Subcommands.Add(DesignCommands.Create());
GridCommands.AddTo(root);
root.Subcommands.Add(PriorCommands.Create());

return await CliRunner.RunAsync(root, args);
