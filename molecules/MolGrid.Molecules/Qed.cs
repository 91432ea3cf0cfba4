namespace MolGrid.Molecules;

/// <summary>The eight properties QED combines (as rdkit.Chem.QED.properties).</summary>
public sealed record QedProperties(
    double MolWeight,
    double ALogP,
    int HBondAcceptors,
    int HBondDonors,
    double PolarSurfaceArea,
    int RotatableBonds,
    int AromaticRings,
    int StructuralAlerts);

/// <summary>
/// Quantitative estimate of drug-likeness (Bickerton et al., Nature Chemistry 4, 90-98, 2012), ported line
/// by line from RDKit 2022.09's rdkit/Chem/QED.py (BSD-3-Clause): same ADS parameters, acceptor and alert
/// SMARTS, "aromatic" rings counted as the SSSR left after deleting aliphatic-ring atoms, strict rotatable
/// bonds, hydrogens removed first. Agreement with the Python code is tested on 10,000 molecules.
/// </summary>
public static class Qed
{
    /// <summary>QED's default weights (WEIGHT_MEAN), in property order MW, ALOGP, HBA, HBD, PSA, ROTB, AROM, ALERTS.</summary>
    public static IReadOnlyList<double> WeightMean { get; } = [0.66, 0.46, 0.05, 0.61, 0.06, 0.65, 0.48, 0.95];

    /// <summary>WEIGHT_MAX of QED.py.</summary>
    public static IReadOnlyList<double> WeightMax { get; } = [0.50, 0.25, 0.00, 0.50, 0.00, 0.50, 0.25, 1.00];

    /// <summary>Unit weights (WEIGHT_NONE of QED.py).</summary>
    public static IReadOnlyList<double> WeightNone { get; } = [1, 1, 1, 1, 1, 1, 1, 1];

    /// <summary>QED with the default (mean) weights, as QED.qed(mol).</summary>
    public static double Compute(Molecule mol) => Compute(Properties(mol), WeightMean);

    /// <summary>The weighted geometric mean of the desirability of each property, as QED.qed(mol, w).</summary>
    public static double Compute(QedProperties p, IReadOnlyList<double> weights)
    {
        if (weights.Count != 8) throw new ArgumentException("QED takes 8 weights", nameof(weights));
        ReadOnlySpan<double> values =
        [
            p.MolWeight, p.ALogP, p.HBondAcceptors, p.HBondDonors, p.PolarSurfaceArea, p.RotatableBonds,
            p.AromaticRings, p.StructuralAlerts,
        ];
        double t = 0, weightSum = 0;
        for (var i = 0; i < 8; i++)
        {
            t += weights[i] * Math.Log(QedParameters.Ads[i].Desirability(values[i]));
            weightSum += weights[i];
        }
        return Math.Exp(t / weightSum);
    }

    /// <summary>The properties QED is computed from, as QED.properties(mol).</summary>
    public static QedProperties Properties(Molecule mol)
    {
        var patterns = QedParameters.Patterns.Value!;
        using var m = MolGraph.RemoveHydrogens(mol);
        var d = Descriptors.Compute(m);

        var acceptors = 0;
        foreach (var pattern in patterns.Acceptors) acceptors += Substructure.Matches(m, pattern).Count;

        int aromaticRings;
        using (var withoutAliphaticRings = Substructure.DeleteMatches(m, patterns.AliphaticRings))
            aromaticRings = MolGraph.SssrCount(withoutAliphaticRings);

        var alerts = 0;
        foreach (var alert in patterns.Alerts)
            if (Substructure.HasMatch(m, alert)) alerts++;

        return new QedProperties(d.MolWt, d.CLogP, acceptors, d.HBondDonors, d.Tpsa, d.RotatableBondsStrict,
            aromaticRings, alerts);
    }
}
