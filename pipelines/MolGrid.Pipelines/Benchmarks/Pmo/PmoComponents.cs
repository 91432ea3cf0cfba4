using MolGrid.Pipelines.Design;
using MolGrid.Pipelines.Scoring;
using MolGrid.Pipelines.Scoring.Components;

namespace MolGrid.Pipelines.Benchmarks.Pmo;

/// <summary>A whole PMO oracle as one component (type "pmo", params task: albuterol_similarity, ...).</summary>
public sealed class PmoOracleComponent(string name, PmoOracle oracle, IsomerTotal isomerTotal = IsomerTotal.Formula)
    : MoleculeComponent(name, isomerTotal == IsomerTotal.Formula ? $"pmo-1/{oracle.Name}" : $"pmo-1/{oracle.Name}/tdc-0.3.6")
{
    protected override double Compute(ScoringMolecule molecule) => oracle.Score(molecule.Molecule);
}

/// <summary>GuacaMol/TDC isomer score of a molecular formula (type "isomer", params formula, mean).</summary>
public sealed class IsomerComponent(string name, IsomerScore score) : MoleculeComponent(name, $"guacamol-isomer-1/{score.Formula}")
{
    protected override double Compute(ScoringMolecule molecule) => score.Score(molecule.Molecule);
}

/// <summary>GuacaMol's TanimotoScoringFunction without modifier (type "tanimoto", params smiles,
/// fingerprint ECFP4|ECFP6|FCFP4|AP|PHCO); pair it with a clipped/gaussian transform.</summary>
public sealed class GuacaMolTanimotoComponent(string name, string smiles, GuacaMolFingerprintType type)
    : MoleculeComponent(name, $"guacamol-tanimoto-1/{type}/{SimilarityComponent.Hash([smiles])}")
{
    private readonly Lazy<GuacaMolFingerprint> _reference = new(() => GuacaMolFingerprint.Of(smiles, type));

    protected override double Compute(ScoringMolecule molecule) =>
        GuacaMolFingerprint.Of(molecule.Molecule, type).Tanimoto(_reference.Value);
}

/// <summary>Registers the PMO building blocks: "pmo" (a whole oracle), "isomer", "tanimoto", "bertz".</summary>
public static class PmoRegistration
{
    public static ComponentRegistry AddPmoOracles(this ComponentRegistry registry) => registry
        .Register("pmo", c =>
        {
            var node = c.Params.Require("task");
            var task = node.AsString();
            if (!PmoOracles.IsKnown(task))
                throw new SpecException(node.Path, $"unknown PMO task '{task}'; known: {string.Join(", ", PmoOracles.TaskNames)}");
            // isomer_score: tdc-0.3.6 reproduces the isomer definition PMO's published runs were scored with.
            var isomer = c.Params.Enum("isomer_score", "corrected", "corrected", "tdc-0.3.6") == "tdc-0.3.6" ? IsomerTotal.SmilesRegex : IsomerTotal.Formula;
            return new PmoOracleComponent(c.Name, PmoOracles.Get(task, isomer), isomer);
        })
        .Register("isomer", c =>
        {
            var node = c.Params.Require("formula");
            var geometric = c.Params.Enum("mean", "geometric", "geometric", "arithmetic") == "geometric";
            try { return new IsomerComponent(c.Name, new IsomerScore(node.AsString(), geometric)); }
            catch (ArgumentException e) { throw new SpecException(node.Path, e.Message, e); }
        })
        .Register("tanimoto", c =>
        {
            var smilesNode = c.Params.Require("smiles");
            var smiles = smilesNode.AsString();
            if (!Molecules.MoleculeParser.TryParseSmiles(smiles, out var m, out var err))
                throw new SpecException(smilesNode.Path, $"not a valid SMILES: {err}");
            m!.Dispose();
            var fpNode = c.Params.Get("fingerprint");
            GuacaMolFingerprintType type;
            try { type = GuacaMolFingerprint.ParseType(fpNode?.AsString() ?? "ECFP4"); }
            catch (ArgumentException e) { throw new SpecException(fpNode!.Path, e.Message, e); }
            return new GuacaMolTanimotoComponent(c.Name, smiles, type);
        })
        .Register("bertz", c => new BertzComponent(c.Name));
}

/// <summary>Bertz complexity CT (RDKit's Descriptors.BertzCT).</summary>
public sealed class BertzComponent(string name) : MoleculeComponent(name, "bertzct-2.0.0")
{
    protected override double Compute(ScoringMolecule molecule) => BertzComplexity.Compute(molecule.Molecule);
}
