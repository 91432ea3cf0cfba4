using System.Runtime.InteropServices;

namespace MolGrid.Molecules.Native;

internal sealed class MolHandle : SafeHandle
{
    public MolHandle() : base(IntPtr.Zero, true) { }
    internal static MolHandle Own(IntPtr raw) { var h = new MolHandle(); h.SetHandle(raw); return h; }
    public override bool IsInvalid => handle == IntPtr.Zero;
    protected override bool ReleaseHandle() { RdkitNative.mg_mol_free(handle); return true; }
}

internal sealed class ReactionHandle : SafeHandle
{
    public ReactionHandle() : base(IntPtr.Zero, true) { }
    internal static ReactionHandle Own(IntPtr raw) { var h = new ReactionHandle(); h.SetHandle(raw); return h; }
    public override bool IsInvalid => handle == IntPtr.Zero;
    protected override bool ReleaseHandle() { RdkitNative.mg_rxn_free(handle); return true; }
}

internal sealed class FilterHandle : SafeHandle
{
    public FilterHandle() : base(IntPtr.Zero, true) { }
    internal static FilterHandle Own(IntPtr raw) { var h = new FilterHandle(); h.SetHandle(raw); return h; }
    public override bool IsInvalid => handle == IntPtr.Zero;
    protected override bool ReleaseHandle() { RdkitNative.mg_filter_free(handle); return true; }
}
