using MolGrid.Molecules;
using MolGrid.Pipelines.Design;

namespace MolGrid.Pipelines.Scoring.Components;

/// <summary>Tanimoto similarity (Morgan bits, radius 2, 2048 bits by default) to reference SMILES: the
/// maximum or the mean over the references.</summary>
public sealed class SimilarityComponent : MoleculeComponent
{
    private readonly BitFingerprint[] _references;
    private readonly bool _mean;
    private readonly int _radius;
    private readonly int _bits;

    public SimilarityComponent(string name, IReadOnlyList<string> referenceSmiles, bool mean, int radius = 2, int bits = 2048)
        : base(name, $"rdkit-2022.09/morgan-r{radius}-{bits}/{(mean ? "mean" : "max")}/{Hash(referenceSmiles)}")
    {
        _mean = mean;
        _radius = radius;
        _bits = bits;
        _references = referenceSmiles.Select(s =>
        {
            using var m = MoleculeParser.ParseSmiles(s);
            return Fingerprints.MorganBits(m, radius, bits);
        }).ToArray();
    }

    protected override double Compute(ScoringMolecule molecule)
    {
        var fp = _radius == 2 && _bits == 2048 ? molecule.Morgan2 : Fingerprints.MorganBits(molecule.Molecule, _radius, _bits);
        double best = 0, sum = 0;
        foreach (var r in _references)
        {
            var t = Similarity.Tanimoto(fp, r);
            best = Math.Max(best, t);
            sum += t;
        }
        return _mean ? sum / _references.Length : best;
    }

    internal static string Hash(IEnumerable<string> parts) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join("\n", parts))))[..12].ToLowerInvariant();

    internal static SimilarityComponent FromConfig(ComponentConfig c)
    {
        var refsNode = c.Params.Require("smiles");
        var refs = c.Params.StringList("smiles");
        if (refs.Count == 0) throw new SpecException(refsNode.Path, "needs at least one reference SMILES");
        for (var i = 0; i < refs.Count; i++)
            if (!MoleculeParser.TryParseSmiles(refs[i], out var m, out var err))
                throw new SpecException(refsNode.IsList ? $"{refsNode.Path}[{i}]" : refsNode.Path, $"not a valid SMILES: {err}");
            else m!.Dispose();
        var mode = c.Params.Enum("mode", "max", "max", "mean");
        var radius = c.Params.Int("radius", 2, 0, 6);
        var bits = c.Params.Int("bits", 2048, 64, 1 << 20);
        if (bits % 64 != 0) throw new SpecException(c.Params.Path + ".bits", "must be a multiple of 64");
        return new SimilarityComponent(c.Name, refs, mode == "mean", radius, bits);
    }
}
