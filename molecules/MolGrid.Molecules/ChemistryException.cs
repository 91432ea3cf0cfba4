namespace MolGrid.Molecules;

/// <summary>A molecule, pattern or chemistry file that MolGrid cannot use.</summary>
public class ChemistryException(string input, string reason, Exception? inner = null)
    : InvalidInputException(input, reason, inner);

/// <summary>A SMILES, SMARTS or mol block RDKit rejected, or one MolGrid refuses before parsing.</summary>
public sealed class InvalidMoleculeException(string input, string reason, Exception? inner = null)
    : ChemistryException(input, reason, inner);
