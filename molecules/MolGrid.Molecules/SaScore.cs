using System.Globalization;
using System.IO.Compression;

namespace MolGrid.Molecules;

/// <summary>
/// Synthetic-accessibility score, 1 (easy) to 10 (hard) (Ertl and Schuffenhauer, J. Cheminform. 1:8, 2009),
/// ported from RDKit Contrib's SA_Score/sascorer.py (BSD-3-Clause): fragment score from unhashed Morgan
/// radius-2 features weighted by the shipped fragment contributions (Data/sa_fragment_scores.txt.gz, see
/// its PROVENANCE.md), minus size, stereo, spiro, bridgehead and macrocycle penalties, plus the symmetry
/// correction. Stereocentres are counted with RDKit's findPotentialStereo (see
/// <see cref="MolGraph.ChiralCenterCount"/>). Agreement with the Python code is tested on 10,000 molecules.
/// </summary>
public static class SaScore
{
    private const string ResourceName = "MolGrid.Molecules.sa_fragment_scores.txt.gz";

    /// <summary>Contribution of a feature absent from the table (as sascorer.py's default of -4).</summary>
    private const double UnknownFragmentScore = -4;

    private static readonly Lazy<Dictionary<uint, double>> FragmentScores = new(LoadFragmentScores);

    /// <summary>Number of fragment contributions shipped (705,292).</summary>
    public static int FragmentCount => FragmentScores.Value.Count;

    public static double Compute(Molecule mol)
    {
        var scores = FragmentScores.Value;
        var fp = Fingerprints.MorganCounts(mol, 2);
        if (fp.Count == 0) throw new InvalidMoleculeException(mol.Source, "SA score needs at least one atom");

        double score1 = 0;
        long nf = 0;
        for (var i = 0; i < fp.Count; i++)
        {
            nf += fp.Counts[i];
            score1 += (scores.TryGetValue(fp.Ids[i], out var s) ? s : UnknownFragmentScore) * fp.Counts[i];
        }
        score1 /= nf;

        var nAtoms = mol.AtomCount;
        var chiralCentres = MolGraph.ChiralCenterCount(mol);
        var d = Descriptors.Compute(mol);
        var macrocycles = MolGraph.RingSizes(mol).Count(size => size > 8);

        var sizePenalty = Math.Pow(nAtoms, 1.005) - nAtoms;
        var stereoPenalty = Math.Log10(chiralCentres + 1);
        var spiroPenalty = Math.Log10(d.SpiroAtoms + 1);
        var bridgePenalty = Math.Log10(d.BridgeheadAtoms + 1);
        // As sascorer.py (not the paper): one penalty for any number of macrocycles.
        var macrocyclePenalty = macrocycles > 0 ? Math.Log10(2) : 0.0;
        var score2 = 0.0 - sizePenalty - stereoPenalty - spiroPenalty - bridgePenalty - macrocyclePenalty;

        // Fingerprint-density correction (sascorer 1.1): highly symmetric molecules are easier to make.
        var score3 = 0.0;
        if (nAtoms > fp.Count) score3 = Math.Log((double)nAtoms / fp.Count) * .5;

        var raw = score1 + score2 + score3;
        const double min = -4.0, max = 2.5;
        var sa = 11.0 - (raw - min + 1) / (max - min) * 9.0;
        if (sa > 8.0) sa = 8.0 + Math.Log(sa + 1.0 - 9.0);
        if (sa > 10.0) sa = 10.0;
        else if (sa < 1.0) sa = 1.0;
        return sa;
    }

    private static Dictionary<uint, double> LoadFragmentScores()
    {
        using var raw = typeof(SaScore).Assembly.GetManifestResourceStream(ResourceName)
                        ?? throw new InvalidOperationException($"embedded resource {ResourceName} missing from MolGrid.Molecules");
        using var gz = new GZipStream(raw, CompressionMode.Decompress);
        using var reader = new StreamReader(gz);
        var scores = new Dictionary<uint, double>(710_000);
        while (reader.ReadLine() is { } line)
        {
            var space = line.IndexOf(' ');
            scores[uint.Parse(line.AsSpan(0, space), CultureInfo.InvariantCulture)] =
                double.Parse(line.AsSpan(space + 1), CultureInfo.InvariantCulture);
        }
        return scores;
    }
}
