namespace MolGrid.Pipelines.Design.Generators;

/// <summary>
/// The BRICS rules of Degen et al. (ChemMedChem 2008, 3, 1503) as RDKit's rdkit/Chem/BRICS.py states them:
/// the environment SMARTS L1..L16b, which environments may bond (and with which bond), and the reverse
/// reactions that join two fragments at matching dummy labels ("[3*]-[*:1].[4*]-[*:2]>>...").
/// </summary>
public static class BricsRules
{
    public static IReadOnlyDictionary<string, string> Environments { get; } = new Dictionary<string, string>
    {
        ["L1"] = "[C;D3]([#0,#6,#7,#8])(=O)",
        ["L3"] = "[O;D2]-;!@[#0,#6,#1]",
        ["L4"] = "[C;!D1;!$(C=*)]-;!@[#6]",
        ["L5"] = "[N;!D1;!$(N=*);!$(N-[!#6;!#16;!#0;!#1]);!$([N;R]@[C;R]=O)]",
        ["L6"] = "[C;D3;!R](=O)-;!@[#0,#6,#7,#8]",
        ["L7a"] = "[C;D2,D3]-[#6]",
        ["L7b"] = "[C;D2,D3]-[#6]",
        ["L8"] = "[C;!R;!D1;!$(C!-*)]",
        ["L9"] = "[n;+0;$(n(:[c,n,o,s]):[c,n,o,s])]",
        ["L10"] = "[N;R;$(N(@C(=O))@[C,N,O,S])]",
        ["L11"] = "[S;D2](-;!@[#0,#6])",
        ["L12"] = "[S;D4]([#6,#0])(=O)(=O)",
        ["L13"] = "[C;$(C(-;@[C,N,O,S])-;@[N,O,S])]",
        ["L14"] = "[c;$(c(:[c,n,o,s]):[n,o,s])]",
        ["L14b"] = "[c;$(c(:[c,n,o,s]):[n,o,s])]",
        ["L15"] = "[C;$(C(-;@C)-;@C)]",
        ["L16"] = "[c;$(c(:c):c)]",
        ["L16b"] = "[c;$(c(:c):c)]",
    };

    /// <summary>Environment pairs that BRICS joins, with the bond between them.</summary>
    public static IReadOnlyList<(string A, string B, char Bond)> Pairs { get; } =
    [
        ("1", "3", '-'), ("1", "5", '-'), ("1", "10", '-'),
        ("3", "4", '-'), ("3", "13", '-'), ("3", "14", '-'), ("3", "15", '-'), ("3", "16", '-'),
        ("4", "5", '-'), ("4", "11", '-'),
        ("5", "12", '-'), ("5", "14", '-'), ("5", "16", '-'), ("5", "13", '-'), ("5", "15", '-'),
        ("6", "13", '-'), ("6", "14", '-'), ("6", "15", '-'), ("6", "16", '-'),
        ("7a", "7b", '='),
        ("8", "9", '-'), ("8", "10", '-'), ("8", "13", '-'), ("8", "14", '-'), ("8", "15", '-'), ("8", "16", '-'),
        ("9", "13", '-'), ("9", "14", '-'), ("9", "15", '-'), ("9", "16", '-'),
        ("10", "13", '-'), ("10", "14", '-'), ("10", "15", '-'), ("10", "16", '-'),
        ("11", "13", '-'), ("11", "14", '-'), ("11", "15", '-'), ("11", "16", '-'),
        ("13", "14", '-'), ("13", "15", '-'), ("13", "16", '-'),
        ("14", "14", '-'), ("14", "15", '-'), ("14", "16", '-'),
        ("15", "16", '-'),
        ("16", "16", '-'),
    ];

    /// <summary>A reverse (joining) reaction: reactant 1 carries dummy label <see cref="LabelA"/>,
    /// reactant 2 label <see cref="LabelB"/>.</summary>
    public sealed record Join(int LabelA, int LabelB, string Smarts);

    /// <summary>BRICS.reverseReactions: "[a*]-[*:1].[b*]-[*:2]>>[$(Ea):1]bond;!@[$(Eb):2]".</summary>
    public static IReadOnlyList<Join> Joins { get; } = Pairs.Select(p =>
    {
        var a = int.Parse(new string(p.A.Where(char.IsDigit).ToArray()));
        var b = int.Parse(new string(p.B.Where(char.IsDigit).ToArray()));
        var smarts = $"[{a}*]-[*:1].[{b}*]-[*:2]>>[$({Environments["L" + p.A]}):1]{p.Bond};!@[$({Environments["L" + p.B]}):2]";
        return new Join(a, b, smarts);
    }).ToArray();
}
