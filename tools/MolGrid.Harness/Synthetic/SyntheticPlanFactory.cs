using MolGrid.Grains;
using MolGrid.Grains.Planning;
using MolGrid.Pipelines.Design;
using MolGrid.Pipelines.Scoring;

namespace MolGrid.Harness.Synthetic;

/// <summary>Builds plans for specs with <c>engine: synthetic</c>; the score is the mean of the components.</summary>
public sealed class SyntheticPlanFactory : ICampaignPlanFactory
{
    public bool CanRead(string spec) => SyntheticSpec.IsSynthetic(spec);

    public CampaignPlan Create(string specText, CampaignSubmission? submission = null)
    {
        var spec = SyntheticSpec.Parse(specText);
        return new CampaignPlan
        {
            Name = spec.Name,
            Budget = spec.Budget,
            BatchSize = spec.BatchSize,
            Loop = new SyntheticDesignLoop(spec),
            Components = spec.Components.Select(c => (IScoringComponent)new SyntheticComponent(c, spec)).ToList(),
            Combine = Combine,
            MoleculeTimeout = spec.MoleculeTimeoutMs is { } t ? TimeSpan.FromMilliseconds(t) : null,
            RecordDescriptors = false,
        };
    }

    private static MoleculeScore Combine(string smiles, IReadOnlyDictionary<string, ComponentResult> raw)
    {
        var names = raw.Keys.Order(StringComparer.Ordinal).ToList();
        var components = names.Where(n => !raw[n].Failed).ToDictionary(n => n, n => raw[n].Value);
        var failed = names.Where(n => raw[n].Failed).Select(n => $"{n}: {raw[n].Error}").ToList();
        if (failed.Count > 0) return new MoleculeScore(smiles, 0, components, string.Join("; ", failed));
        var total = names.Count == 0 ? 0 : names.Sum(n => raw[n].Value) / names.Count;
        return new MoleculeScore(smiles, total, components);
    }
}
