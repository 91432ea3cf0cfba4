using System.Globalization;

namespace MolGrid.Pipelines.Docking;

/// <summary>An atom of a PDBQT file: name, AutoDock type and coordinates.</summary>
public readonly record struct PdbqtAtom(string Name, string Type, double X, double Y, double Z)
{
    public bool IsHydrogen => Type is "H" or "HD" or "HS";
}

/// <summary>Reading what MolGrid needs from PDBQT: atoms of a model, Vina's scores, centroids and RMSD.</summary>
public static class Pdbqt
{
    /// <summary>Atoms of MODEL <paramref name="model"/> (1-based), or of the whole file if it has no MODEL records.</summary>
    public static IReadOnlyList<PdbqtAtom> Atoms(string text, int model = 1)
    {
        var atoms = new List<PdbqtAtom>();
        var hasModels = text.Contains("\nMODEL", StringComparison.Ordinal) || text.StartsWith("MODEL", StringComparison.Ordinal);
        var current = 0;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.StartsWith("MODEL", StringComparison.Ordinal)) { current++; continue; }
            if (hasModels && current != model) continue;
            if (!(line.StartsWith("ATOM", StringComparison.Ordinal) || line.StartsWith("HETATM", StringComparison.Ordinal)) || line.Length < 54) continue;
            var type = line.Length > 77 ? line[77..].Trim() : "";
            atoms.Add(new PdbqtAtom(line[12..16].Trim(), type,
                double.Parse(line[30..38], CultureInfo.InvariantCulture),
                double.Parse(line[38..46], CultureInfo.InvariantCulture),
                double.Parse(line[46..54], CultureInfo.InvariantCulture)));
        }
        return atoms;
    }

    /// <summary>Vina's affinities (kcal/mol) of every model, from "REMARK VINA RESULT:" lines, best first.</summary>
    /// <summary>Each mode's affinity from Vina's "REMARK VINA RESULT:" lines; a line that does not parse fails the
    /// ligand (<see cref="DockingFailedException"/>) rather than the batch it came in.</summary>
    public static IReadOnlyList<double> VinaScores(string text)
    {
        const string prefix = "REMARK VINA RESULT:";
        var scores = new List<double>();
        foreach (var line in text.Split('\n').Where(l => l.StartsWith(prefix, StringComparison.Ordinal)))
        {
            var fields = line[prefix.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0 || !double.TryParse(fields[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var score) || !double.IsFinite(score))
                throw new DockingFailedException($"vina wrote an unreadable score line: '{line.Trim()}'");
            scores.Add(score);
        }
        return scores;
    }

    public static (double X, double Y, double Z) HeavyAtomCentroid(IReadOnlyList<PdbqtAtom> atoms)
    {
        var heavy = atoms.Where(a => !a.IsHydrogen).ToList();
        if (heavy.Count == 0) throw new ArgumentException("no heavy atoms");
        return (heavy.Average(a => a.X), heavy.Average(a => a.Y), heavy.Average(a => a.Z));
    }

    public static double Distance((double X, double Y, double Z) a, (double X, double Y, double Z) b) =>
        Math.Sqrt((a.X - b.X) * (a.X - b.X) + (a.Y - b.Y) * (a.Y - b.Y) + (a.Z - b.Z) * (a.Z - b.Z));

    /// <summary>Heavy-atom RMSD between two poses of the same PDBQT ligand (same atoms in the same order, as
    /// Vina writes them); no symmetry correction, so it is an upper bound.</summary>
    public static double HeavyAtomRmsd(IReadOnlyList<PdbqtAtom> a, IReadOnlyList<PdbqtAtom> b)
    {
        var ha = a.Where(x => !x.IsHydrogen).ToList();
        var hb = b.Where(x => !x.IsHydrogen).ToList();
        if (ha.Count != hb.Count) throw new ArgumentException($"heavy atom counts differ ({ha.Count} and {hb.Count})");
        double sum = 0;
        for (var i = 0; i < ha.Count; i++)
        {
            if (ha[i].Type != hb[i].Type) throw new ArgumentException($"atom {i + 1}: types differ ({ha[i].Type} and {hb[i].Type})");
            sum += (ha[i].X - hb[i].X) * (ha[i].X - hb[i].X) + (ha[i].Y - hb[i].Y) * (ha[i].Y - hb[i].Y) + (ha[i].Z - hb[i].Z) * (ha[i].Z - hb[i].Z);
        }
        return Math.Sqrt(sum / ha.Count);
    }
}
