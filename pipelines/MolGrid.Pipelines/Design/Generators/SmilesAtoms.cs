namespace MolGrid.Pipelines.Design.Generators;

/// <summary>Counts the atoms written in a SMILES without parsing it: bracket atoms, the organic subset
/// (B C N O P S F Cl Br I, aromatic b c n o p s) and '*'. Equals RDKit's GetNumAtoms for SMILES RDKit
/// wrote itself (hydrogens are implicit or inside brackets).</summary>
internal static class SmilesAtoms
{
    public static int Count(string smiles)
    {
        var n = 0;
        for (var i = 0; i < smiles.Length; i++)
        {
            var c = smiles[i];
            switch (c)
            {
                case '[':
                    n++;
                    i = smiles.IndexOf(']', i);
                    if (i < 0) return n;
                    break;
                case 'B':
                    n++;
                    if (i + 1 < smiles.Length && smiles[i + 1] == 'r') i++;
                    break;
                case 'C':
                    n++;
                    if (i + 1 < smiles.Length && smiles[i + 1] == 'l') i++;
                    break;
                case 'N' or 'O' or 'P' or 'S' or 'F' or 'I' or 'b' or 'c' or 'n' or 'o' or 'p' or 's' or '*':
                    n++;
                    break;
            }
        }
        return n;
    }
}
