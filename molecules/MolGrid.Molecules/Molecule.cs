using MolGrid.Molecules.Native;

namespace MolGrid.Molecules;

/// <summary>
/// A sanitised RDKit molecule. Owned by one thread at a time: RDKit caches computed properties on the
/// molecule, so concurrent reads of one instance are not safe (use one instance per thread).
/// Create with <see cref="MoleculeParser"/>.
/// </summary>
public sealed class Molecule : IDisposable
{
    internal Molecule(MolHandle handle, string source)
    {
        Handle = handle;
        Source = source;
    }

    internal MolHandle Handle { get; }

    /// <summary>The text this molecule was parsed from (SMILES, SMARTS or a mol block's title).</summary>
    public string Source { get; }

    public int AtomCount => RdkitNative.mg_mol_num_atoms(Handle);

    public int BondCount => RdkitNative.mg_mol_num_bonds(Handle);

    public Molecule Copy() => new(Wrap(RdkitNative.mg_mol_copy(Handle), Source), Source);

    public void Dispose() => Handle.Dispose();

    public override string ToString() => Source;

    internal static MolHandle Wrap(IntPtr raw, string input)
    {
        if (raw == IntPtr.Zero) throw new InvalidMoleculeException(input, RdkitNative.LastError());
        return MolHandle.Own(raw);
    }
}
