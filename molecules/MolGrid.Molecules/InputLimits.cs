namespace MolGrid.Molecules;

/// <summary>
/// Caps applied before any input reaches RDKit. RDKit's SMILES writer recurses per atom, so a very long
/// chain (about 20,000 atoms) overflows a thread's stack and kills the process: that cannot be caught,
/// only prevented. The defaults are far above any drug-like molecule (under 100 heavy atoms) and leave
/// room for peptides and macrocycles.
/// </summary>
public static class InputLimits
{
    /// <summary>Longest SMILES/SMARTS string accepted.</summary>
    public const int MaxSmilesLength = 5_000;

    /// <summary>Most atoms (hydrogens included when explicit) in one molecule.</summary>
    public const int MaxAtoms = 1_000;

    /// <summary>Longest mol block accepted (bytes of text).</summary>
    public const int MaxMolBlockLength = 400_000;
}
