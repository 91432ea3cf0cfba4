using MolGrid.Molecules;

namespace MolGrid.Pipelines.Design.Generators.Reinvent;

/// <summary>
/// GuacaMol's rule for its training set (guacamol/data/get_data.py): a molecule is excluded when its ECFP4
/// (Morgan radius 2, 4,096 bits) Tanimoto to any hold-out molecule is at least 0.323, or it is one of them.
/// Used to keep the PMO targets and their close analogues out of a prior's corpus.
/// </summary>
public sealed class HoldoutSimilarityFilter
{
    public const double GuacaMolCutoff = 0.323;
    public const int Bits = 4096;

    private readonly (string Name, BitFingerprint Fp)[] _holdout;

    public HoldoutSimilarityFilter(IEnumerable<(string Name, string Smiles)> holdout, double cutoff = GuacaMolCutoff)
    {
        if (!(cutoff > 0 && cutoff <= 1)) throw new ArgumentOutOfRangeException(nameof(cutoff), cutoff, "cutoff must be in (0, 1]");
        Cutoff = cutoff;
        _holdout = holdout.Select(h =>
        {
            using var mol = MoleculeParser.ParseSmiles(h.Smiles);
            return (h.Name, Fingerprint(mol));
        }).ToArray();
        if (_holdout.Length == 0) throw new ArgumentException("the hold-out set is empty", nameof(holdout));
    }

    public double Cutoff { get; }

    public int HoldoutCount => _holdout.Length;

    /// <summary>The ECFP4 fingerprint the rule uses.</summary>
    public static BitFingerprint Fingerprint(Molecule mol) => Fingerprints.MorganBits(mol, 2, Bits);

    /// <summary>The most similar hold-out molecule and its Tanimoto.</summary>
    public (string Name, double Tanimoto) Nearest(Molecule mol)
    {
        var fp = Fingerprint(mol);
        var best = ("", -1.0);
        foreach (var (name, h) in _holdout)
        {
            var t = Similarity.Tanimoto(fp, h);
            if (t > best.Item2) best = (name, t);
        }
        return best;
    }

    /// <summary>True when the molecule must leave the corpus (Tanimoto >= cutoff to some hold-out molecule).</summary>
    public bool Excludes(Molecule mol, out string nearest, out double tanimoto)
    {
        (nearest, tanimoto) = Nearest(mol);
        return tanimoto >= Cutoff;
    }
}
