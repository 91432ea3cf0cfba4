using MolGrid.Molecules;

namespace MolGrid.Pipelines.Qsar;

/// <summary>
/// The gradient-boosting model's input: Morgan radius-2 counts folded to 2048 slots (as RDKit's
/// GetHashedMorganFingerprint folds ids modulo the size) followed by MolGrid's 19 RDKit descriptors. Counts
/// rather than bits let trees split on "two or more of this environment"; the descriptors carry whole-molecule
/// size, polarity and lipophilicity that no single environment holds.
/// </summary>
public static class GbmFeaturizer
{
    public const int CountSlots = 2048;

    public static int Length => CountSlots + MolDescriptors.Names.Count;

    public static string FeatureName(int i) => i < CountSlots ? $"morgan_count[{i}]" : MolDescriptors.Names[i - CountSlots];

    public static float[] Features(Molecule mol)
    {
        var f = new float[Length];
        var counts = Fingerprints.MorganCounts(mol, MorganFeaturizer.Radius);
        for (var i = 0; i < counts.Ids.Length; i++) f[counts.Ids[i] % CountSlots] += counts.Counts[i];
        var d = Descriptors.Compute(mol);
        for (var i = 0; i < MolDescriptors.Names.Count; i++) f[CountSlots + i] = (float)d[MolDescriptors.Names[i]];
        return f;
    }

    /// <summary>The slot of an unhashed Morgan id: what the environments behind a slot are for explanations.</summary>
    public static int Slot(uint morganId) => (int)(morganId % CountSlots);
}
