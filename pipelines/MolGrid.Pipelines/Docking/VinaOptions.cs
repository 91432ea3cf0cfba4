namespace MolGrid.Pipelines.Docking;

/// <summary>How AutoDock Vina is run. Defaults suit a design loop on a small box; raise exhaustiveness for
/// final ranking.</summary>
public sealed record VinaOptions
{
    public string VinaPath { get; init; } = "vina";

    /// <summary>Open Babel, used to write ligand PDBQT (AD4 atom types, Gasteiger charges, non-polar H
    /// merged, torsion tree).</summary>
    public string ObabelPath { get; init; } = "obabel";

    public int Exhaustiveness { get; init; } = 8;

    /// <summary>CPUs per Vina run (0: Vina detects).</summary>
    public int Cpu { get; init; } = 1;

    public int Seed { get; init; } = 42;

    public int NumModes { get; init; } = 9;

    /// <summary>Per-ligand wall-clock limit; the Vina process is killed after it.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Where per-ligand files go (a fresh temporary directory per ligand under it); null: the system temp directory.</summary>
    public string? WorkDirectory { get; init; }

    /// <summary>Keep the per-ligand files (for inspection); otherwise they are deleted.</summary>
    public bool KeepFiles { get; init; }
}
