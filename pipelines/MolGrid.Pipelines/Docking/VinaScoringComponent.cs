using System.Security.Cryptography;
using System.Text;
using MolGrid.Pipelines.Scoring;

namespace MolGrid.Pipelines.Docking;

/// <summary>
/// Vina docking score (kcal/mol; lower is better) against one receptor as a scoring component ("vina:PGD").
/// Ligands are docked one after another (each Vina run uses <see cref="VinaOptions.Cpu"/> threads). Each
/// failure (unparsable SMILES, embedding, Open Babel, Vina error or timeout) becomes that molecule's
/// <see cref="ComponentResult.Fail"/>; the batch goes on. The version hashes the receptor file, the box and
/// every option that changes the score, so cached scores never outlive their set-up.
/// </summary>
public sealed class VinaScoringComponent : IScoringComponent
{
    private readonly VinaDocking _docking;

    /// <param name="target">Names the component "vina:TARGET", unless <paramref name="name"/> is given.</param>
    public VinaScoringComponent(string target, VinaDocking docking) : this(docking, $"vina:{target}") { }

    public VinaScoringComponent(VinaDocking docking, string name)
    {
        _docking = docking;
        Name = name;
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(File.ReadAllBytes(docking.ReceptorPath));
        var o = docking.Options;
        sha.AppendData(Encoding.UTF8.GetBytes(FormattableString.Invariant($"|{docking.Box}|ex={o.Exhaustiveness}|seed={o.Seed}|modes={o.NumModes}|prep=etkdg3-mmff-obabel")));
        Version = "vina1.2.3-" + Convert.ToHexStringLower(sha.GetHashAndReset())[..16];
    }

    public string Name { get; }

    public string Version { get; }

    public string Capability => Capabilities.Docking;

    /// <summary>Raised with the molecule key and its poses (best mode first) each time a ligand docks, for callers
    /// that want the poses. Batches may run concurrently on one component, so handlers must be thread-safe.</summary>
    public event Action<string, DockingResult>? Docked;

    public async Task<IReadOnlyList<ComponentResult>> ComputeAsync(IReadOnlyList<ScoringMolecule> molecules, CancellationToken cancellationToken)
    {
        var results = new ComponentResult[molecules.Count];
        for (var i = 0; i < molecules.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                var ligand = await LigandPreparation.ToPdbqtAsync(molecules[i].Molecule, _docking.Options, cancellationToken);
                var r = await _docking.DockAsync(ligand, cancellationToken);
                Docked?.Invoke(molecules[i].Key, r);
                results[i] = ComponentResult.Ok(r.BestScore);
            }
            catch (DockingFailedException e)
            {
                results[i] = ComponentResult.Fail(e.Message);
            }
            catch (InvalidInputException e)
            {
                results[i] = ComponentResult.Fail(e.Reason);
            }
        }
        return results;
    }
}
