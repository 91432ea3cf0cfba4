using System.Runtime.InteropServices;
using MolGrid.Molecules.Native;

namespace MolGrid.Molecules;

public static class RdkitInfo
{
    /// <summary>The RDKit version the shim was built against (Debian 12: 2022.09.x).</summary>
    public static string Version => Marshal.PtrToStringUTF8(RdkitNative.mg_rdkit_version()) ?? "";
}
