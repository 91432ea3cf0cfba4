using System.Globalization;

namespace MolGrid.Pipelines.Docking;

/// <summary>A docked ligand: Vina's best affinity (kcal/mol, lower is better), every mode's affinity, the
/// output poses (PDBQT) and the wall time of the Vina run.</summary>
public sealed record DockingResult(double BestScore, IReadOnlyList<double> ModeScores, string PosesPdbqt, TimeSpan Elapsed);

/// <summary>Runs AutoDock Vina 1.2.3 as a subprocess on one prepared ligand.</summary>
public sealed class VinaDocking
{
    public VinaDocking(string receptorPath, DockingBox box, VinaOptions? options = null)
    {
        if (!File.Exists(receptorPath)) throw new DockingInputException(receptorPath, "receptor file not found");
        ReceptorPath = Path.GetFullPath(receptorPath);
        Box = box;
        Options = options ?? new VinaOptions();
    }

    public string ReceptorPath { get; }

    public DockingBox Box { get; }

    public VinaOptions Options { get; }

    public async Task<DockingResult> DockAsync(string ligandPdbqt, CancellationToken ct)
    {
        var dir = Path.Combine(Options.WorkDirectory ?? Path.GetTempPath(), "molgrid-vina-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        try
        {
            var ligand = Path.Combine(dir, "ligand.pdbqt");
            var output = Path.Combine(dir, "out.pdbqt");
            await File.WriteAllTextAsync(ligand, ligandPdbqt, ct);
            string I(double v) => v.ToString("R", CultureInfo.InvariantCulture);
            var args = new List<string>
            {
                "--receptor", ReceptorPath, "--ligand", ligand, "--out", output,
                "--center_x", I(Box.CenterX), "--center_y", I(Box.CenterY), "--center_z", I(Box.CenterZ),
                "--size_x", I(Box.SizeX), "--size_y", I(Box.SizeY), "--size_z", I(Box.SizeZ),
                "--exhaustiveness", Options.Exhaustiveness.ToString(CultureInfo.InvariantCulture),
                "--cpu", Options.Cpu.ToString(CultureInfo.InvariantCulture),
                "--seed", Options.Seed.ToString(CultureInfo.InvariantCulture),
                "--num_modes", Options.NumModes.ToString(CultureInfo.InvariantCulture),
                "--verbosity", "1",
            };
            var r = await ExternalProcess.RunAsync(Options.VinaPath, args, null, Options.Timeout, ct);
            if (r.ExitCode != 0 || !File.Exists(output))
            {
                var msg = (r.StdErr + "\n" + r.StdOut).Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)) ?? LigandPreparation.FirstLine(r.StdErr);
                throw new DockingFailedException($"vina exited with code {r.ExitCode}: {msg}");
            }
            var poses = await File.ReadAllTextAsync(output, ct);
            var scores = Pdbqt.VinaScores(poses);
            if (scores.Count == 0) throw new DockingFailedException("vina wrote no poses");
            return new DockingResult(scores[0], scores, poses, r.Elapsed);
        }
        finally
        {
            if (!Options.KeepFiles)
                try { Directory.Delete(dir, true); } catch (IOException) { }
        }
    }
}
