using System.CommandLine;
using System.Globalization;
using MolGrid.Molecules;
using MolGrid.Pipelines.Docking;
using MolGrid.Pipelines.Targets;

namespace MolGrid.Cli.Commands;

/// <summary>`molgrid dock`: dock SMILES or a prepared PDBQT ligand into a catalogue target with AutoDock Vina,
/// printing score, time and, where the catalogue has a reference ligand, the pocket check.</summary>
internal static class DockCommand
{
    private static string F(double v, string fmt) => v.ToString(fmt, CultureInfo.InvariantCulture);

    public static Command Create()
    {
        var c = new Command("dock", "Dock ligands into a catalogue target's receptor with AutoDock Vina.");
        var target = new Option<string>("--target") { Description = "Catalogue target id or gene (e.g. PGD).", Required = true };
        var catalogue = new Option<string?>("--catalogue") { Description = "Target catalogue YAML (default: samples/targets/catalogue.yaml)." };
        var smiles = new Option<string[]>("--smiles") { Description = "SMILES to dock (repeatable).", AllowMultipleArgumentsPerToken = true };
        var ligand = new Option<string[]>("--ligand") { Description = "Prepared PDBQT ligand file(s) to dock as they are.", AllowMultipleArgumentsPerToken = true };
        var ex = new Option<int>("--exhaustiveness") { DefaultValueFactory = _ => 8 };
        var cpu = new Option<int>("--cpu") { DefaultValueFactory = _ => 2 };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 42 };
        var timeout = new Option<int>("--timeout") { Description = "Per-ligand limit in seconds.", DefaultValueFactory = _ => 300 };
        var outDir = new Option<string?>("--out-dir") { Description = "Write each ligand's poses (PDBQT) here." };
        foreach (var o in new Option[] { target, catalogue, smiles, ligand, ex, cpu, seed, timeout, outDir }) c.Options.Add(o);
        c.SetAction(async (p, ct) =>
        {
            var cat = TargetCatalogue.Load(p.GetValue(catalogue) ?? TargetCommands.DefaultCatalogue);
            var t = cat.Get(p.GetValue(target)!);
            var dock = t.Docking ?? throw new CatalogueException(cat.Path, $"target {t.Id} has no docking receptor");
            var options = new VinaOptions { Exhaustiveness = p.GetValue(ex), Cpu = p.GetValue(cpu), Seed = p.GetValue(seed), Timeout = TimeSpan.FromSeconds(p.GetValue(timeout)) };
            var vina = new VinaDocking(dock.ReceptorPath, DockingBox.From(dock.Center, dock.Size), options);
            var reference = dock.ReferenceLigandPath is null ? null : Pdbqt.Atoms(File.ReadAllText(dock.ReferenceLigandPath));
            var refCentroid = reference is null ? default : Pdbqt.HeavyAtomCentroid(reference);
            var inputs = new List<(string Label, Func<Task<string>> Prepare)>();
            foreach (var f in p.GetValue(ligand) ?? [])
            {
                if (!File.Exists(f)) throw new DockingInputException(f, "ligand file not found");
                inputs.Add((f, () => File.ReadAllTextAsync(f, ct)));
            }
            foreach (var s in p.GetValue(smiles) ?? [])
                inputs.Add((s, async () => { using var m = MoleculeParser.ParseSmiles(s); return await LigandPreparation.ToPdbqtAsync(m, options, ct); }));
            if (inputs.Count == 0) throw new DockingInputException("dock", "give --smiles and/or --ligand");
            Console.WriteLine($"target {t.Id}: receptor {Path.GetFileName(dock.ReceptorPath)}, box {vina.Box}, exhaustiveness {options.Exhaustiveness}, cpu {options.Cpu}, seed {options.Seed}");
            string[] cols = ["ligand", "score_kcal_mol", "time_s", "centroid_to_ref_A", "rmsd_top1_A", "min_rmsd_A (mode)", "status"];
            var rows = new List<IReadOnlyList<string>>();
            var outPath = p.GetValue(outDir);
            if (outPath is not null) Directory.CreateDirectory(outPath);
            var k = 0;
            foreach (var (label, prepare) in inputs)
            {
                k++;
                try
                {
                    var ligandText = await prepare();
                    var r = await vina.DockAsync(ligandText, ct);
                    var pose = Pdbqt.Atoms(r.PosesPdbqt, 1);
                    var centroid = reference is null ? "-" : F(Pdbqt.Distance(Pdbqt.HeavyAtomCentroid(pose), refCentroid), "0.00");
                    // RMSD needs the same atoms in the same order: only for a docked copy of the reference PDBQT.
                    string rmsd = "-", best = "-";
                    if (reference is not null)
                        try
                        {
                            rmsd = F(Pdbqt.HeavyAtomRmsd(pose, reference), "0.00");
                            var all = Enumerable.Range(1, r.ModeScores.Count).Select(m => Pdbqt.HeavyAtomRmsd(Pdbqt.Atoms(r.PosesPdbqt, m), reference)).ToArray();
                            var k0 = Array.IndexOf(all, all.Min());
                            best = $"{F(all[k0], "0.00")} ({k0 + 1}: {F(r.ModeScores[k0], "0.000")})";
                        }
                        catch (ArgumentException) { }
                    rows.Add([label, F(r.BestScore, "0.000"), F(r.Elapsed.TotalSeconds, "0.0"), centroid, rmsd, best, "ok"]);
                    if (outPath is not null) await File.WriteAllTextAsync(Path.Combine(outPath, $"ligand{k}_out.pdbqt"), r.PosesPdbqt, ct);
                }
                catch (Exception e) when (e is DockingFailedException or InvalidInputException)
                {
                    rows.Add([label, "-", "-", "-", "-", "-", "failed: " + (e is InvalidInputException bad ? bad.Reason : e.Message)]);
                }
            }
            TabularOutput.Write(Console.Out, "table", cols, rows);
            return CliRunner.Ok;
        });
        return c;
    }
}
