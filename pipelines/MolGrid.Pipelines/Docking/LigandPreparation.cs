using MolGrid.Molecules;

namespace MolGrid.Pipelines.Docking;

/// <summary>
/// SMILES to a Vina-ready ligand: RDKit ETKDGv3 + MMFF94 3D structure with hydrogens (<see cref="Conformers.Embed"/>),
/// then Open Babel's PDBQT writer (`obabel -imol -opdbqt --partialcharge gasteiger`): AutoDock 4 atom types,
/// Gasteiger charges, non-polar hydrogens merged, rotatable bonds as a ROOT/BRANCH torsion tree. Open Babel is
/// used rather than a PDBQT writer of our own because its torsion-tree code is what AutoDock users rely on.
/// </summary>
public static class LigandPreparation
{
    public static async Task<string> ToPdbqtAsync(Molecule mol, VinaOptions options, CancellationToken ct)
    {
        Conformer3D conf;
        try
        {
            conf = Conformers.Embed(mol, options.Seed);
        }
        catch (InvalidMoleculeException e)
        {
            throw new DockingFailedException($"3D embedding failed: {e.Reason}", e);
        }
        var r = await ExternalProcess.RunAsync(options.ObabelPath, ["-imol", "-opdbqt", "--partialcharge", "gasteiger"], conf.MolBlock, TimeSpan.FromMinutes(1), ct);
        if (r.ExitCode != 0 || !r.StdOut.Contains("ROOT", StringComparison.Ordinal))
            throw new DockingFailedException($"Open Babel could not write PDBQT: {FirstLine(r.StdErr)}");
        return r.StdOut;
    }

    internal static string FirstLine(string s) => s.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "(no message)";
}
