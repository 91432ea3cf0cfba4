using System.Collections.Concurrent;
using MolGrid.Molecules;

namespace MolGrid.Pipelines.Design.Generators;

/// <summary>Compiled reactions (thread-safe to run, shared) and SMARTS queries (one set per thread, since an
/// RDKit molecule belongs to one thread) used by the generators.</summary>
internal static class ChemCache
{
    private static readonly ConcurrentDictionary<string, Reaction> Reactions = new(StringComparer.Ordinal);

    [ThreadStatic] private static Dictionary<string, Molecule>? _queries;

    public static Reaction Reaction(string smarts) => Reactions.GetOrAdd(smarts, Molecules.Reaction.FromSmarts);

    public static Molecule Query(string smarts)
    {
        _queries ??= new Dictionary<string, Molecule>(StringComparer.Ordinal);
        if (!_queries.TryGetValue(smarts, out var q)) _queries[smarts] = q = MoleculeParser.ParseSmarts(smarts);
        return q;
    }

    public static bool Has(Molecule mol, string smarts) => Substructure.HasMatch(mol, Query(smarts));

    public static IReadOnlyList<int[]> Matches(Molecule mol, string smarts) => Substructure.Matches(mol, Query(smarts));

    public static Molecule? TryParse(string smiles) => MoleculeParser.TryParseSmiles(smiles, out var m, out _) ? m : null;
}
