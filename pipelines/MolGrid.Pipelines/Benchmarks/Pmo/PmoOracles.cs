using MolGrid.Molecules;
using MolGrid.Pipelines.Scoring;
using MolGrid.Pipelines.Scoring.Transforms;

namespace MolGrid.Pipelines.Benchmarks.Pmo;

/// <summary>One PMO oracle: a name and a score in [0, 1] for a molecule.</summary>
public sealed record PmoOracle(string Name, Func<Molecule, double> Score);

/// <summary>
/// The 20 PMO oracles (Gao et al., NeurIPS 2022 Datasets and Benchmarks) that need only RDKit, with the
/// definitions of GuacaMol's standard_benchmarks.py as TDC's oracle.py implements them (TDC is what PMO
/// calls): the rediscovery tasks are the raw Tanimoto (no clipping), the similarity tasks clip at 0.75,
/// the isomer tasks are TDC's Isomer_scoring (hydrogens counted, geometric mean).
/// </summary>
public static class PmoOracles
{
    public const string Albuterol = "CC(C)(C)NCC(O)c1ccc(O)c(CO)c1";
    public const string Mestranol = "COc1ccc2[C@H]3CC[C@@]4(C)[C@@H](CC[C@@]4(O)C#C)[C@@H]3CCc2c1";
    public const string Celecoxib = "CC1=CC=C(C=C1)C1=CC(=NN1C1=CC=C(C=C1)S(N)(=O)=O)C(F)(F)F";
    public const string Troglitazone = "Cc1c(C)c2OC(C)(COc3ccc(CC4SC(=O)NC4=O)cc3)CCc2c(C)c1O";
    public const string Thiothixene = "CN(C)S(=O)(=O)c1ccc2Sc3ccccc3C(=CCCN4CCN(C)CC4)c2c1";
    public const string Amlodipine = @"Clc1ccccc1C2C(=C(/N/C(=C2/C(=O)OCC)COCCN)C)\C(=O)OC";
    public const string Fexofenadine = "CC(C)(C(=O)O)c1ccc(cc1)C(O)CCCN2CCC(CC2)C(O)(c3ccccc3)c4ccccc4";
    public const string Osimertinib = "COc1cc(N(C)CCN(C)C)c(NC(=O)C=C)cc1Nc2nccc(n2)c3cn(C)c4ccccc34";
    public const string Perindopril = "O=C(OCC)C(NC(C(=O)N1C(C(=O)O)CC2CCCCC12)C)CCC";
    public const string Ranolazine = "COc1ccccc1OCC(O)CN2CCN(CC(=O)Nc3c(C)cccc3C)CC2";
    public const string Sitagliptin = "Fc1cc(c(F)cc1F)CC(N)CC(=O)N3Cc2nnc(n2CC3)C(F)(F)F";
    public const string Zaleplon = "O=C(C)N(CC)C1=CC=CC(C2=CC=NC3=C(C=NN23)C#N)=C1";
    public const string Camphor = "CC1(C)C2CCC1(C)C(=O)C2";
    public const string Menthol = "CC(C)C1CCC(C)CC1O";
    public const string Tadalafil = "O=C1N(CC(N2C1CC3=C(C2C4=CC5=C(OCO5)C=C4)NC6=C3C=CC=C6)=O)C";
    public const string Sildenafil = "CCCC1=NN(C2=C1N=C(NC2=O)C3=C(C=CC(=C3)S(=O)(=O)N4CCN(CC4)C)OCC)C";
    public const string HopTarget = "CCCOc1cc2ncnc(Nc3ccc4ncsc4c3)c2cc1S(=O)(=O)C(C)(C)C";
    public const string ValsartanSitagliptin = "NC(CC(=O)N1CCn2c(nnc2C(F)(F)F)C1)Cc1cc(F)c(F)cc1F";

    /// <summary>The task names in PMO's order (alphabetical, as its tables list them).</summary>
    public static IReadOnlyList<string> TaskNames { get; } =
    [
        "albuterol_similarity", "amlodipine_mpo", "celecoxib_rediscovery", "deco_hop", "fexofenadine_mpo",
        "isomers_c7h8n2o2", "isomers_c9h10n2o2pf2cl", "median1", "median2", "mestranol_similarity",
        "osimertinib_mpo", "perindopril_mpo", "qed", "ranolazine_mpo", "scaffold_hop", "sitagliptin_mpo",
        "thiothixene_rediscovery", "troglitazone_rediscovery", "valsartan_smarts", "zaleplon_mpo",
    ];

    private static readonly Lazy<IReadOnlyDictionary<string, PmoOracle>> Oracles = new(() => Build(IsomerTotal.Formula));
    private static readonly Lazy<IReadOnlyDictionary<string, PmoOracle>> Tdc036Oracles = new(() => Build(IsomerTotal.SmilesRegex));

    /// <summary>The tasks whose score contains an isomer score, so <see cref="IsomerTotal"/> changes them.</summary>
    public static IReadOnlyList<string> IsomerTasks { get; } = ["isomers_c7h8n2o2", "isomers_c9h10n2o2pf2cl", "sitagliptin_mpo", "zaleplon_mpo"];

    public static PmoOracle Get(string name, IsomerTotal isomerTotal = IsomerTotal.Formula) =>
        (isomerTotal == IsomerTotal.Formula ? Oracles : Tdc036Oracles).Value.TryGetValue(name, out var o) ? o
            : throw new ArgumentException($"unknown PMO task '{name}'; known: {string.Join(", ", TaskNames)}");

    public static bool IsKnown(string name) => TaskNames.Contains(name);

    private static IReadOnlyDictionary<string, PmoOracle> Build(IsomerTotal isomerTotal)
    {
        var clipped75 = new ClippedTransform(0.75, 0, 1, 0);
        var list = new List<PmoOracle>
        {
            Similarity("albuterol_similarity", Albuterol, GuacaMolFingerprintType.Fcfp4, clipped75),
            Similarity("mestranol_similarity", Mestranol, GuacaMolFingerprintType.Ap, clipped75),
            Similarity("celecoxib_rediscovery", Celecoxib, GuacaMolFingerprintType.Ecfp4, null),
            Similarity("troglitazone_rediscovery", Troglitazone, GuacaMolFingerprintType.Ecfp4, null),
            Similarity("thiothixene_rediscovery", Thiothixene, GuacaMolFingerprintType.Ecfp4, null),
            Geometric("amlodipine_mpo",
                Sim(Amlodipine, GuacaMolFingerprintType.Ecfp4, null),
                Desc(d => d.Rings, new GaussianTransform(3, 0.5, GaussianTransform.Side.Both))),
            Geometric("fexofenadine_mpo",
                Sim(Fexofenadine, GuacaMolFingerprintType.Ap, new ClippedTransform(0.8, 0, 1, 0)),
                Desc(d => d.Tpsa, new GaussianTransform(90, 10, GaussianTransform.Side.Max)),
                Desc(d => d.CLogP, new GaussianTransform(4, 1, GaussianTransform.Side.Min))),
            Geometric("osimertinib_mpo",
                Sim(Osimertinib, GuacaMolFingerprintType.Fcfp4, new ClippedTransform(0.8, 0, 1, 0)),
                Sim(Osimertinib, GuacaMolFingerprintType.Ecfp6, new GaussianTransform(0.85, 0.1, GaussianTransform.Side.Min)),
                Desc(d => d.Tpsa, new GaussianTransform(100, 10, GaussianTransform.Side.Max)),
                Desc(d => d.CLogP, new GaussianTransform(1, 1, GaussianTransform.Side.Min))),
            Geometric("perindopril_mpo",
                Sim(Perindopril, GuacaMolFingerprintType.Ecfp4, null),
                Desc(d => d.AromaticRings, new GaussianTransform(2, 0.5, GaussianTransform.Side.Both))),
            Geometric("ranolazine_mpo",
                Sim(Ranolazine, GuacaMolFingerprintType.Ap, new ClippedTransform(0.7, 0, 1, 0)),
                Desc(d => d.CLogP, new GaussianTransform(7, 1, GaussianTransform.Side.Max)),
                Desc(d => d.Tpsa, new GaussianTransform(95, 20, GaussianTransform.Side.Max)),
                m => new GaussianTransform(1, 1, GaussianTransform.Side.Both).Apply(CountElement(m, 9))),
            Geometric("sitagliptin_mpo",
                Sim(Sitagliptin, GuacaMolFingerprintType.Ecfp4, new GaussianTransform(0, 0.1, GaussianTransform.Side.Both)),
                Desc(d => d.CLogP, new GaussianTransform(Target(Sitagliptin).CLogP, 0.2, GaussianTransform.Side.Both)),
                Desc(d => d.Tpsa, new GaussianTransform(Target(Sitagliptin).Tpsa, 5, GaussianTransform.Side.Both)),
                new IsomerScore("C16H15F6N5O", total: isomerTotal).Score),
            Geometric("zaleplon_mpo",
                Sim(Zaleplon, GuacaMolFingerprintType.Ecfp4, null),
                new IsomerScore("C19H17N3O2", total: isomerTotal).Score),
            new PmoOracle("isomers_c7h8n2o2", new IsomerScore("C7H8N2O2", total: isomerTotal).Score),
            new PmoOracle("isomers_c9h10n2o2pf2cl", new IsomerScore("C9H10N2O2PF2Cl", total: isomerTotal).Score),
            Geometric("median1",
                Sim(Camphor, GuacaMolFingerprintType.Ecfp4, null),
                Sim(Menthol, GuacaMolFingerprintType.Ecfp4, null)),
            Geometric("median2",
                Sim(Tadalafil, GuacaMolFingerprintType.Ecfp6, null),
                Sim(Sildenafil, GuacaMolFingerprintType.Ecfp6, null)),
            Arithmetic("deco_hop",
                Sim(HopTarget, GuacaMolFingerprintType.Phco, new ClippedTransform(0.85, 0, 1, 0)),
                Smarts("CS([#6])(=O)=O", inverse: true),
                Smarts("[#7]-c1ccc2ncsc2c1", inverse: true),
                Smarts("[#7]-c1n[c;h1]nc2[c;h1]c(-[#8])[c;h0][c;h1]c12", inverse: false)),
            Arithmetic("scaffold_hop",
                Sim(HopTarget, GuacaMolFingerprintType.Phco, new ClippedTransform(0.75, 0, 1, 0)),
                Smarts("[#6]-[#6]-[#6]-[#8]-[#6]~[#6]~[#6]~[#6]~[#6]-[#7]-c1ccc2ncsc2c1", inverse: false),
                Smarts("[#7]-c1n[c;h1]nc2[c;h1]c(-[#8])[c;h0][c;h1]c12", inverse: true)),
            ValsartanSmarts(),
            new PmoOracle("qed", ChemistryScores.Qed),
        };
        return list.ToDictionary(o => o.Name, StringComparer.Ordinal);
    }

    private static PmoOracle ValsartanSmarts()
    {
        using var target = MoleculeParser.ParseSmiles(ValsartanSitagliptin);
        var d = Descriptors.Compute(target);
        var bertz = BertzComplexity.Compute(target);
        return Geometric("valsartan_smarts",
            Smarts("CN(C=O)Cc1ccc(c2ccccc2)cc1", inverse: false),
            Desc(x => x.Tpsa, new GaussianTransform(d.Tpsa, 5, GaussianTransform.Side.Both)),
            Desc(x => x.CLogP, new GaussianTransform(d.CLogP, 0.2, GaussianTransform.Side.Both)),
            m => new GaussianTransform(bertz, 30, GaussianTransform.Side.Both).Apply(BertzComplexity.Compute(m)));
    }

    private static MolDescriptors Target(string smiles)
    {
        using var m = MoleculeParser.ParseSmiles(smiles);
        return Descriptors.Compute(m);
    }

    private static PmoOracle Similarity(string name, string target, GuacaMolFingerprintType type, IScoreTransform? modifier) =>
        new(name, Sim(target, type, modifier));

    private static Func<Molecule, double> Sim(string target, GuacaMolFingerprintType type, IScoreTransform? modifier)
    {
        var reference = new Lazy<GuacaMolFingerprint>(() => GuacaMolFingerprint.Of(target, type));
        return m =>
        {
            var t = GuacaMolFingerprint.Of(m, type).Tanimoto(reference.Value);
            return modifier?.Apply(t) ?? t;
        };
    }

    private static Func<Molecule, double> Desc(Func<MolDescriptors, double> descriptor, IScoreTransform modifier) =>
        m => modifier.Apply(descriptor(Descriptors.Compute(m)));

    private static Func<Molecule, double> Smarts(string smarts, bool inverse)
    {
        var queries = new Scoring.Components.ThreadLocalQueries([smarts]);
        return m =>
        {
            var hit = Substructure.HasMatch(m, queries.Get()[0]);
            return hit != inverse ? 1.0 : 0.0;
        };
    }

    internal static int CountElement(Molecule mol, int atomicNumber) => MolGraph.Atoms(mol).Count(a => a.AtomicNumber == atomicNumber);

    private static PmoOracle Geometric(string name, params Func<Molecule, double>[] parts) =>
        new(name, m => IsomerScore.GeometricMean(parts.Select(p => p(m)).ToArray()));

    private static PmoOracle Arithmetic(string name, params Func<Molecule, double>[] parts) =>
        new(name, m => parts.Select(p => p(m)).Average());
}
