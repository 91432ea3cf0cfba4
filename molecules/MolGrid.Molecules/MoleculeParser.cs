using MolGrid.Molecules.Native;

namespace MolGrid.Molecules;

/// <summary>Parsing of SMILES, SMARTS and mol blocks, with MolGrid's input checks in front of RDKit.</summary>
public static class MoleculeParser
{
    /// <summary>Parses and sanitises a SMILES; throws <see cref="InvalidMoleculeException"/> naming the input.</summary>
    public static Molecule ParseSmiles(string smiles)
    {
        CheckText(smiles, "SMILES", InputLimits.MaxSmilesLength);
        var handle = Molecule.Wrap(RdkitNative.mg_mol_from_smiles(smiles, 1), smiles);
        var mol = new Molecule(handle, smiles);
        CheckSize(mol, smiles);
        return mol;
    }

    /// <summary>Like <see cref="ParseSmiles"/>, returning false and the reason instead of throwing.</summary>
    public static bool TryParseSmiles(string smiles, out Molecule? molecule, out string? error)
    {
        try
        {
            molecule = ParseSmiles(smiles);
            error = null;
            return true;
        }
        catch (InvalidMoleculeException e)
        {
            molecule = null;
            error = e.Reason;
            return false;
        }
    }

    /// <summary>Parses a SMARTS query.</summary>
    public static Molecule ParseSmarts(string smarts)
    {
        CheckText(smarts, "SMARTS", InputLimits.MaxSmilesLength);
        return new Molecule(Molecule.Wrap(RdkitNative.mg_mol_from_smarts(smarts), smarts), smarts);
    }

    /// <summary>Parses a V2000/V3000 mol block (hydrogens removed, sanitised).</summary>
    public static Molecule ParseMolBlock(string molBlock, bool removeHydrogens = true)
    {
        var title = molBlock.Split('\n', 2)[0].Trim();
        var label = title.Length > 0 ? title : "mol block";
        if (string.IsNullOrWhiteSpace(molBlock)) throw new InvalidMoleculeException(label, "empty mol block");
        if (molBlock.Length > InputLimits.MaxMolBlockLength)
            throw new InvalidMoleculeException(label, $"mol block longer than {InputLimits.MaxMolBlockLength} characters");
        var handle = Molecule.Wrap(RdkitNative.mg_mol_from_molblock(molBlock, 1, removeHydrogens ? 1 : 0), label);
        var mol = new Molecule(handle, label);
        CheckSize(mol, label);
        return mol;
    }

    private static void CheckText(string text, string kind, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0 || string.IsNullOrWhiteSpace(text))
            throw new InvalidMoleculeException(text, $"empty {kind}");
        if (text.Length > maxLength)
            throw new InvalidMoleculeException(text, $"{kind} longer than {maxLength} characters");
        foreach (var c in text)
        {
            // RDKit silently drops trailing non-ASCII ("CCé" parses as "CC"): refuse it instead.
            if (c > 127) throw new InvalidMoleculeException(text, $"{kind} contains the non-ASCII character '{c}'");
            if (char.IsControl(c)) throw new InvalidMoleculeException(text, $"{kind} contains a control character (code {(int)c})");
            if (c == ' ') throw new InvalidMoleculeException(text, $"{kind} contains a space");
        }
    }

    private static void CheckSize(Molecule mol, string input)
    {
        var atoms = mol.AtomCount;
        if (atoms > InputLimits.MaxAtoms)
        {
            mol.Dispose();
            throw new InvalidMoleculeException(input, $"{atoms} atoms, more than the limit of {InputLimits.MaxAtoms}");
        }
    }
}
