using MolGrid.Molecules.Native;

namespace MolGrid.Molecules;

/// <summary>RDKit's filter catalogues.</summary>
[Flags]
public enum AlertCatalogs
{
    Pains = 1,
    Brenk = 2,
    Nih = 4,
    Zinc = 8,
    PainsAndBrenk = Pains | Brenk,
}

/// <summary>One matched alert: the catalogue it comes from and its description.</summary>
public sealed record StructuralAlert(string Catalog, string Description);

/// <summary>Structural-alert screening with RDKit's FilterCatalog (PAINS A/B/C: 480 entries, Brenk: 105).
/// Building a catalogue compiles hundreds of SMARTS: build once, reuse; matching is thread-safe.</summary>
public sealed class StructuralAlerts : IDisposable
{
    private readonly FilterHandle _handle;

    public StructuralAlerts(AlertCatalogs catalogs = AlertCatalogs.PainsAndBrenk)
    {
        var raw = RdkitNative.mg_filter_new((int)catalogs);
        if (raw == IntPtr.Zero) throw new InvalidOperationException(RdkitNative.LastError());
        _handle = FilterHandle.Own(raw);
        Catalogs = catalogs;
    }

    public AlertCatalogs Catalogs { get; }

    public int EntryCount => RdkitNative.mg_filter_size(_handle);

    public IReadOnlyList<StructuralAlert> Match(Molecule mol)
    {
        var text = RdkitNative.TakeString(RdkitNative.mg_filter_matches(_handle, mol.Handle))
                   ?? throw new InvalidMoleculeException(mol.Source, RdkitNative.LastError());
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split('\t', 2))
            .Select(p => new StructuralAlert(p[0], p.Length > 1 ? p[1] : ""))
            .ToArray();
    }

    public void Dispose() => _handle.Dispose();
}
