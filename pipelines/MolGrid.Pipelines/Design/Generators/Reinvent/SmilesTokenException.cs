namespace MolGrid.Pipelines.Design.Generators.Reinvent;

/// <summary>A SMILES that cannot be split into tokens, or holds a token the vocabulary lacks: names the SMILES,
/// the position and the reason (bad input: exit code 2 in the CLI).</summary>
public sealed class SmilesTokenException(string smiles, int position, string reason)
    : InvalidInputException(smiles, $"cannot tokenise at position {position}: {reason}")
{
    public string Smiles { get; } = smiles;

    public int Position { get; } = position;
}
