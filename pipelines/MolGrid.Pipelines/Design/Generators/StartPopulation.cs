using MolGrid.Molecules;

namespace MolGrid.Pipelines.Design.Generators;

/// <summary>Start molecules: inline SMILES and/or a SMILES file (one per line, or CSV whose first column is
/// SMILES, with an optional "smiles" header); a seeded sample of them starts the run.</summary>
public static class StartPopulation
{
    /// <summary>Reads the candidate start SMILES (not yet validated) the spec names.</summary>
    public static IReadOnlyList<string> Candidates(GeneratorSpec generator, string? specDirectory)
    {
        var all = new List<string>(generator.StartSmiles);
        if (generator.StartFile is not null)
        {
            var path = Resolve(generator.StartFile, specDirectory);
            foreach (var line in File.ReadLines(path))
            {
                var text = line.Trim();
                if (text.Length == 0 || text.StartsWith('#')) continue;
                var first = text.Split(',', '\t', ' ')[0].Trim('"');
                if (first.Equals("smiles", StringComparison.OrdinalIgnoreCase)) continue;
                all.Add(first);
            }
        }
        return all;
    }

    public static string Resolve(string file, string? specDirectory)
    {
        var candidates = new List<string>();
        if (Path.IsPathRooted(file)) candidates.Add(file);
        else
        {
            if (specDirectory is not null) candidates.Add(Path.Combine(specDirectory, file));
            candidates.Add(Path.GetFullPath(file));
        }
        foreach (var c in candidates)
            if (File.Exists(c)) return c;
        throw new SpecException("generator.start_file", $"file '{file}' not found (looked in: {string.Join(", ", candidates)})");
    }

    /// <summary>Up to <paramref name="count"/> distinct valid canonical SMILES drawn without replacement
    /// from <paramref name="candidates"/> with a stream derived from <paramref name="seed"/>.</summary>
    public static IReadOnlyList<string> Sample(IReadOnlyList<string> candidates, int count, long seed)
    {
        var order = Enumerable.Range(0, candidates.Count).ToArray();
        new DesignRandom(seed, -1, 0).Shuffle(order);
        var chosen = new List<string>(count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var i in order)
        {
            if (chosen.Count >= count) break;
            if (!MoleculeParser.TryParseSmiles(candidates[i], out var mol, out _)) continue;
            using (mol)
            {
                var smiles = MoleculeWriter.CanonicalSmiles(mol!);
                if (seen.Add(smiles)) chosen.Add(smiles);
            }
        }
        return chosen;
    }
}
