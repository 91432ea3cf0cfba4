using MolGrid.Molecules.Native;

namespace MolGrid.Molecules;

/// <summary>A chemical reaction from reaction SMARTS (as AllChem.ReactionFromSmarts). Thread-safe to run.</summary>
public sealed class Reaction : IDisposable
{
    private readonly ReactionHandle _handle;

    private Reaction(ReactionHandle handle, string smarts)
    {
        _handle = handle;
        Smarts = smarts;
        ReactantCount = RdkitNative.mg_rxn_num_reactants(handle);
    }

    public string Smarts { get; }

    public int ReactantCount { get; }

    public static Reaction FromSmarts(string smarts)
    {
        if (string.IsNullOrWhiteSpace(smarts)) throw new InvalidMoleculeException(smarts ?? "", "empty reaction SMARTS");
        if (!smarts.Contains(">>")) throw new InvalidMoleculeException(smarts, "a reaction SMARTS needs '>>' between reactants and products");
        var raw = RdkitNative.mg_rxn_from_smarts(smarts);
        if (raw == IntPtr.Zero) throw new InvalidMoleculeException(smarts, RdkitNative.LastError());
        return new Reaction(ReactionHandle.Own(raw), smarts);
    }

    /// <summary>Runs the reaction. Each result is one product set (its products as canonical SMILES);
    /// product sets containing a product that does not sanitise are dropped.</summary>
    public unsafe IReadOnlyList<string[]> Run(IReadOnlyList<Molecule> reactants, int maxProducts = 1000)
    {
        if (reactants.Count != ReactantCount)
            throw new ArgumentException($"reaction '{Smarts}' takes {ReactantCount} reactants, got {reactants.Count}");
        var ptrs = stackalloc IntPtr[reactants.Count];
        var refs = new bool[reactants.Count];
        try
        {
            for (var i = 0; i < reactants.Count; i++)
            {
                reactants[i].Handle.DangerousAddRef(ref refs[i]);
                ptrs[i] = reactants[i].Handle.DangerousGetHandle();
            }
            var text = RdkitNative.TakeString(RdkitNative.mg_rxn_run(_handle, ptrs, reactants.Count, maxProducts))
                       ?? throw new InvalidMoleculeException(Smarts, RdkitNative.LastError());
            return text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('.')).ToArray();
        }
        finally
        {
            for (var i = 0; i < reactants.Count; i++)
                if (refs[i]) reactants[i].Handle.DangerousRelease();
        }
    }

    public IReadOnlyList<string[]> Run(params Molecule[] reactants) => Run((IReadOnlyList<Molecule>)reactants);

    public void Dispose() => _handle.Dispose();
}
