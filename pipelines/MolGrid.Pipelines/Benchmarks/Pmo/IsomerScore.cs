using System.Text.RegularExpressions;
using MolGrid.Molecules;
using MolGrid.Pipelines.Scoring.Transforms;

namespace MolGrid.Pipelines.Benchmarks.Pmo;

/// <summary>
/// GuacaMol's IsomerScoringFunction (TDC's Isomer_scoring, as PMO uses it): for each element of the target
/// formula a Gaussian (sigma 1) on its count, hydrogens included, and a Gaussian (sigma 2) on the total
/// atom count with hydrogens; combined by geometric (default) or arithmetic mean.
/// <see cref="IsomerTotal.SmilesRegex"/> is TDC 0.3.6's total instead (TDC's Isomer_scoring_prev, which PMO's
/// published runs most likely used): the formula regex run over the canonical SMILES string, which misses every
/// aromatic atom and every hydrogen and reads ring-closure digits as counts. TDC 0.3.7 (PR 171) replaced it with
/// the molecule's formula, as GuacaMol defines it.
/// </summary>
public sealed partial class IsomerScore
{
    private static readonly Dictionary<string, int> AtomicNumbers = new(StringComparer.Ordinal)
    {
        ["H"] = 1, ["B"] = 5, ["C"] = 6, ["N"] = 7, ["O"] = 8, ["F"] = 9, ["Si"] = 14, ["P"] = 15, ["S"] = 16,
        ["Cl"] = 17, ["Se"] = 34, ["Br"] = 35, ["I"] = 53,
    };

    private readonly (int AtomicNumber, GaussianTransform Modifier)[] _elements;
    private readonly GaussianTransform _total;
    private readonly bool _geometric;
    private readonly IsomerTotal _totalRule;

    [GeneratedRegex(@"([A-Z][a-z]*)(\d*)")]
    private static partial Regex FormulaPart();

    public IsomerScore(string formula, bool geometric = true, IsomerTotal total = IsomerTotal.Formula)
    {
        Formula = formula;
        _geometric = geometric;
        _totalRule = total;
        var parts = FormulaPart().Matches(formula).Select(m => (Element: m.Groups[1].Value, Count: m.Groups[2].Value.Length == 0 ? 1 : int.Parse(m.Groups[2].Value))).ToArray();
        if (parts.Length == 0 || string.Concat(parts.Select(p => p.Element + (p.Count == 1 ? "" : p.Count.ToString()))).Length == 0)
            throw new ArgumentException($"'{formula}' is not a molecular formula");
        _elements = parts.Select(p => (AtomicNumbers.TryGetValue(p.Element, out var z) ? z : throw new ArgumentException($"element '{p.Element}' of formula '{formula}' is not supported"),
            new GaussianTransform(p.Count, 1.0, GaussianTransform.Side.Both))).ToArray();
        _total = new GaussianTransform(parts.Sum(p => p.Count), 2.0, GaussianTransform.Side.Both);
    }

    public string Formula { get; }

    public double Score(Molecule mol)
    {
        using var withH = MolGraph.AddHydrogens(mol);
        var atoms = MolGraph.Atoms(withH);
        var scores = new double[_elements.Length + 1];
        for (var i = 0; i < _elements.Length; i++)
            scores[i] = _elements[i].Modifier.Apply(atoms.Count(a => a.AtomicNumber == _elements[i].AtomicNumber));
        scores[^1] = _total.Apply(_totalRule == IsomerTotal.Formula ? atoms.Length : SmilesRegexAtomCount(MoleculeWriter.CanonicalSmiles(mol)));
        return _geometric ? GeometricMean(scores) : scores.Average();
    }

    /// <summary>TDC 0.3.6's "total atom number": parse_molecular_formula applied to a SMILES string.</summary>
    internal static int SmilesRegexAtomCount(string smiles) =>
        FormulaPart().Matches(smiles).Sum(m => m.Groups[2].Value.Length == 0 ? 1 : int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>scipy.stats.gmean: exp(mean(log x)).</summary>
    internal static double GeometricMean(IReadOnlyList<double> values)
    {
        double logSum = 0;
        foreach (var v in values)
        {
            if (v <= 0) return 0;
            logSum += Math.Log(v);
        }
        return Math.Exp(logSum / values.Count);
    }
}
