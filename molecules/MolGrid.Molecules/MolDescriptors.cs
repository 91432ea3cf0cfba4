using MolGrid.Molecules.Native;

namespace MolGrid.Molecules;

/// <summary>
/// The descriptor set MolGrid computes for every molecule, each as RDKit computes it:
/// MW (average), exact MW, Crippen cLogP and MR, TPSA (N,O only), HBD/HBA (rdMolDescriptors.CalcNumHBD/HBA),
/// rotatable bonds (rdMolDescriptors.CalcNumRotatableBonds with NonStrict, and with Strict as QED uses;
/// Python's Descriptors.NumRotatableBonds is the Strict one), ring counts
/// (SSSR), heavy atoms, fraction sp3 carbons, net formal charge, spiro and bridgehead atoms,
/// heteroatoms and Lipinski's NH/OH and N+O counts.
/// </summary>
public sealed record MolDescriptors(
    double MolWt,
    double ExactMolWt,
    double CLogP,
    double MolarRefractivity,
    double Tpsa,
    int HBondDonors,
    int HBondAcceptors,
    int RotatableBonds,
    int RotatableBondsStrict,
    int Rings,
    int AromaticRings,
    int HeavyAtoms,
    double FractionCsp3,
    int FormalCharge,
    int SpiroAtoms,
    int BridgeheadAtoms,
    int Heteroatoms,
    int LipinskiHBondDonors,
    int LipinskiHBondAcceptors)
{
    /// <summary>Names as used in scoring specs, filters and exports (lower snake case).</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "mw", "exact_mw", "clogp", "mr", "tpsa", "hbd", "hba", "rotatable_bonds", "rotatable_bonds_strict",
        "rings", "aromatic_rings", "heavy_atoms", "fsp3", "formal_charge", "spiro_atoms", "bridgehead_atoms",
        "heteroatoms", "lipinski_hbd", "lipinski_hba",
    ];

    /// <summary>The value of a descriptor by its <see cref="Names"/> name.</summary>
    public double this[string name] => name switch
    {
        "mw" => MolWt, "exact_mw" => ExactMolWt, "clogp" => CLogP, "mr" => MolarRefractivity, "tpsa" => Tpsa,
        "hbd" => HBondDonors, "hba" => HBondAcceptors, "rotatable_bonds" => RotatableBonds,
        "rotatable_bonds_strict" => RotatableBondsStrict, "rings" => Rings, "aromatic_rings" => AromaticRings,
        "heavy_atoms" => HeavyAtoms, "fsp3" => FractionCsp3, "formal_charge" => FormalCharge,
        "spiro_atoms" => SpiroAtoms, "bridgehead_atoms" => BridgeheadAtoms, "heteroatoms" => Heteroatoms,
        "lipinski_hbd" => LipinskiHBondDonors, "lipinski_hba" => LipinskiHBondAcceptors,
        _ => throw new ArgumentException($"unknown descriptor '{name}'; known: {string.Join(", ", Names)}", nameof(name)),
    };
}

/// <summary>Descriptor calculation.</summary>
public static class Descriptors
{
    public static unsafe MolDescriptors Compute(Molecule mol)
    {
        var n = RdkitNative.mg_descriptor_count();
        Span<double> d = stackalloc double[n];
        fixed (double* p = d)
            if (RdkitNative.mg_mol_descriptors(mol.Handle, p) != 0)
                throw new InvalidMoleculeException(mol.Source, RdkitNative.LastError());
        return new MolDescriptors(d[0], d[1], d[2], d[3], d[4], (int)d[5], (int)d[6], (int)d[7], (int)d[8],
            (int)d[9], (int)d[10], (int)d[11], d[12], (int)d[13], (int)d[14], (int)d[15], (int)d[16], (int)d[17], (int)d[18]);
    }

    /// <summary>Molecular formula in Hill order (as rdMolDescriptors.CalcMolFormula).</summary>
    public static string Formula(Molecule mol) => MoleculeWriter.Take(RdkitNative.mg_mol_formula(mol.Handle), mol);

    /// <summary>Crippen per-atom (logP, MR) contributions.</summary>
    public static unsafe (double LogP, double Mr)[] CrippenContributions(Molecule mol)
    {
        var n = mol.AtomCount;
        var buf = new double[2 * n];
        fixed (double* p = buf)
            if (RdkitNative.mg_mol_crippen_contribs(mol.Handle, p) != 0)
                throw new InvalidMoleculeException(mol.Source, RdkitNative.LastError());
        var result = new (double, double)[n];
        for (var i = 0; i < n; i++) result[i] = (buf[2 * i], buf[2 * i + 1]);
        return result;
    }
}
