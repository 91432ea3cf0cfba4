using MolGrid.Pipelines.Docking;
using MolGrid.Pipelines.Scoring;
using MolGrid.Pipelines.Targets;

namespace MolGrid.Pipelines.Tests.Docking;

/// <summary>
/// Real AutoDock Vina 1.2.3 (Debian autodock-vina) and Open Babel on the shipped 1PGP receptor. Kept short for
/// CI: exhaustiveness 2, the catalogue's 15 Å box, two ligands docked. The pocket check compares the best
/// pose with the crystal ligand (6-phosphogluconate) shipped with the receptor.
/// </summary>
[Trait("Category", "Slow")]
public class VinaDockingTests
{
    // 6-phospho-D-gluconic acid (PubChem CID 91493 stereo), the 1PGP crystal ligand.
    private const string SixPhosphogluconate = "C([C@H]([C@H]([C@@H]([C@H](C(=O)O)O)O)O)O)OP(=O)(O)O";

    private static (VinaDocking Vina, IReadOnlyList<PdbqtAtom> Crystal) Pgd(VinaOptions options)
    {
        var t = TargetCatalogue.Load(RepoFiles.Sample("targets", "catalogue.yaml")).Get("PGD");
        var d = t.Docking!;
        return (new VinaDocking(d.ReceptorPath, DockingBox.From(d.Center, d.Size), options), Pdbqt.Atoms(File.ReadAllText(d.ReferenceLigandPath!)));
    }

    // num_modes changes Vina 1.2.3's search (5 modes gave a different run than 9); 9 is Vina's default.
    private static readonly VinaOptions Quick = new() { Exhaustiveness = 2, Cpu = 2, Seed = 42, NumModes = 9 };

    [Fact]
    public async Task RedockedCrystalLigandLandsInThePocket()
    {
        var (vina, crystal) = Pgd(Quick);
        var r = await vina.DockAsync(File.ReadAllText(RepoFiles.Sample("targets", "docking", "1pgp_lig.pdbqt")), default);
        var pose = Pdbqt.Atoms(r.PosesPdbqt, 1);
        var centroidShift = Pdbqt.Distance(Pdbqt.HeavyAtomCentroid(pose), Pdbqt.HeavyAtomCentroid(crystal));
        Assert.True(r.BestScore < -4, $"score {r.BestScore}");
        Assert.True(centroidShift < 3.0, $"best pose centroid {centroidShift:0.00} Å from the crystal ligand's");
        // Vina's top-scored pose of 6-phosphogluconate is flipped end to end (phosphate where the carboxylate
        // binds, RMSD ~6.6 Å, also at exhaustiveness 8); a crystal-like pose comes within 0.2 kcal/mol of it.
        // So the check is that a crystal-like pose (RMSD < 2.5 Å) is among the returned modes.
        var rmsds = Enumerable.Range(1, r.ModeScores.Count).Select(m => Pdbqt.HeavyAtomRmsd(Pdbqt.Atoms(r.PosesPdbqt, m), crystal)).ToArray();
        Assert.True(rmsds.Min() < 2.5, $"mode RMSDs {string.Join(", ", rmsds.Select(x => x.ToString("0.00")))} Å");
    }

    [Fact]
    public async Task SmilesRouteDocksInThePocketAndFailuresDoNotStopTheBatch()
    {
        var (vina, crystal) = Pgd(Quick);
        var component = new VinaScoringComponent("PGD", vina);
        var docked = new System.Collections.Concurrent.ConcurrentDictionary<string, DockingResult>();
        component.Docked += (key, r) => docked[key] = r;
        Assert.Equal("vina:PGD", component.Name);
        Assert.Equal(Capabilities.Docking, component.Capability);
        // Bicyclobutane with trans ring fusion: parses, but ETKDG finds no geometry (python3-rdkit's
        // EmbedMolecule returns -1 for it too).
        var unembeddable = ScoringMolecule.FromSmiles("C1[C@H]2C[C@@H]21");
        var mols = new[] { new ScoringMolecule("bad", "C1CC"), ScoringMolecule.FromSmiles(SixPhosphogluconate), unembeddable };
        var results = await component.ComputeAsync(mols, default);
        Assert.Equal(3, results.Count);
        Assert.True(results[0].Failed);
        Assert.Contains("3D embedding failed", results[2].Error);
        Assert.False(results[1].Failed, results[1].Error);
        Assert.InRange(results[1].Value, -12, -3);
        Assert.Equal([mols[1].Key], docked.Keys);
        Assert.Equal(results[1].Value, docked[mols[1].Key].BestScore);
        var pose = Pdbqt.Atoms(docked[mols[1].Key].PosesPdbqt, 1);
        var shift = Pdbqt.Distance(Pdbqt.HeavyAtomCentroid(pose), Pdbqt.HeavyAtomCentroid(crystal));
        Assert.True(shift < 4.0, $"best pose centroid {shift:0.00} Å from the crystal ligand's");
    }

    [Fact]
    public async Task TimeoutFailsThatLigandOnly()
    {
        var (vina, _) = Pgd(Quick with { Timeout = TimeSpan.FromMilliseconds(300), Exhaustiveness = 8 });
        var component = new VinaScoringComponent("PGD", vina);
        var mols = new[] { ScoringMolecule.FromSmiles(SixPhosphogluconate), ScoringMolecule.FromSmiles("OCC(O)CO") };
        var results = await component.ComputeAsync(mols, default);
        Assert.Equal(2, results.Count);
        Assert.All(results, r => Assert.Contains("timed out", r.Error));
    }

    [Fact]
    public void VersionChangesWithTheSetUp()
    {
        var (a, _) = Pgd(Quick);
        var (b, _) = Pgd(Quick with { Exhaustiveness = 4 });
        var c = new VinaDocking(a.ReceptorPath, a.Box with { SizeX = 20 }, Quick);
        var versions = new[] { a, b, c }.Select(v => new VinaScoringComponent("PGD", v).Version).ToArray();
        Assert.Equal(3, versions.Distinct().Count());
        Assert.Equal(versions[0], new VinaScoringComponent("PGD", Pgd(Quick).Vina).Version);
    }

    [Fact]
    public void MissingReceptorIsInvalidInput() =>
        Assert.Throws<DockingInputException>(() => new VinaDocking("/nonexistent/rec.pdbqt", new DockingBox(0, 0, 0, 10, 10, 10)));
}
