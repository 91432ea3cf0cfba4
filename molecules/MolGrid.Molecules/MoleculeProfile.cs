namespace MolGrid.Molecules;

/// <summary>Everything MolGrid says about one molecule: identity, descriptors, drug-likeness, synthetic
/// accessibility, structural alerts and scaffold (what `molgrid mol describe` prints).</summary>
public sealed record MoleculeProfile(
    string Input,
    string CanonicalSmiles,
    string Key,
    string Formula,
    IReadOnlyDictionary<string, double> Descriptors,
    double Qed,
    double SaScore,
    IReadOnlyList<StructuralAlert> Alerts,
    string MurckoScaffold)
{
    /// <summary>Parses <paramref name="smiles"/> (throws <see cref="InvalidMoleculeException"/> naming it) and
    /// computes the profile; <paramref name="alerts"/> is a reusable catalogue (building one compiles hundreds
    /// of SMARTS).</summary>
    public static MoleculeProfile Of(string smiles, StructuralAlerts alerts)
    {
        using var mol = MoleculeParser.ParseSmiles(smiles);
        return Of(mol, alerts);
    }

    public static MoleculeProfile Of(Molecule mol, StructuralAlerts alerts)
    {
        var canonical = MoleculeWriter.CanonicalSmiles(mol);
        var d = Molecules.Descriptors.Compute(mol);
        return new MoleculeProfile(
            mol.Source,
            canonical,
            MoleculeKey.FromCanonicalSmiles(canonical),
            Molecules.Descriptors.Formula(mol),
            MolDescriptors.Names.ToDictionary(n => n, n => d[n]),
            Molecules.Qed.Compute(mol),
            Molecules.SaScore.Compute(mol),
            alerts.Match(mol),
            Fragmentation.MurckoScaffold(mol));
    }
}
