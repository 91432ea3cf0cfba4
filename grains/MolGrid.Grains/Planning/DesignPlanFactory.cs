using MolGrid.Pipelines.Design;
using MolGrid.Pipelines.Design.Generators;
using MolGrid.Pipelines.Scoring;
using MolGrid.Pipelines.Targets;

namespace MolGrid.Grains.Planning;

/// <summary>Where design specs find the files they name (generator.start_file) when a campaign arrives as text.</summary>
public sealed class DesignPlanOptions
{
    /// <summary>Default: $MOLGRID_HOME/samples/design when MOLGRID_HOME is set, else the working directory.</summary>
    public string SpecDirectory { get; set; } = Environment.GetEnvironmentVariable("MOLGRID_HOME") is { Length: > 0 } home
        ? Path.Combine(home, "samples", "design")
        : Directory.GetCurrentDirectory();

    /// <summary>Molecules per work unit sent to a silo.</summary>
    public int BatchSize { get; set; } = 32;

    /// <summary>Directories whose files a submitted spec may name (<see cref="SpecFileAccess"/>). Default: the
    /// spec directory and $MOLGRID_HOME/samples.</summary>
    public IReadOnlyList<string> DataRoots
    {
        get => _dataRoots ?? [SpecDirectory, .. Environment.GetEnvironmentVariable("MOLGRID_HOME") is { Length: > 0 } home ? [Path.Combine(home, "samples")] : Array.Empty<string>()];
        set => _dataRoots = value;
    }

    private IReadOnlyList<string>? _dataRoots;
}

/// <summary>
/// Plans for design specs (`molgrid design run` format): the design engine's loop, the spec's scoring
/// components (silos compute them, grouped by capability) and <see cref="ScoringFunction.Combine"/> (run on
/// the campaign grain). The planner's fallback: it reads every spec no other registered factory claims, so a
/// key it does not know (`engine: synthetic` on a product host, for one) is a spec error naming that key. A
/// spec with a `targets:` section gets its affinity components from the campaign's uploaded expression matrix
/// (<see cref="ExpressionTargetSelection"/>).
/// </summary>
public sealed class DesignPlanFactory(DesignPlanOptions options) : ICampaignPlanFactory
{
    public bool CanRead(string spec) => true;

    public CampaignPlan Create(string specText, CampaignSubmission? submission = null)
    {
        var spec = DesignSpec.Parse(specText, "campaign spec");
        SpecFileAccess.Check(spec, options);
        if (spec.Targets is not null)
        {
            var expression = submission?.ExpressionData is { } data ? ExpressionTargetSelection.ReadUploaded(submission.ExpressionFileName, data) : null;
            spec = ExpressionTargetSelection.Apply(spec, expression).Spec;
        }
        var scoring = ScoringFunction.Create(spec, ComponentRegistry.Default);
        var loop = DesignEngine.CreateLoop(spec, new DesignLoopOptions(), StartPopulation.Candidates(spec.Generator, options.SpecDirectory));
        var components = scoring.Components;
        return new CampaignPlan
        {
            Name = spec.Name,
            Budget = spec.Budget,
            BatchSize = options.BatchSize,
            Loop = loop,
            GeneratorCapability = spec.Generator.ReinventSettings?.Capability,
            Components = components,
            // The grid gathers raw values by component name; the scoring function wants them aligned.
            Combine = (smiles, raw) => scoring.Combine(smiles, components.Select(c => raw.TryGetValue(c.Name, out var r) ? r : ComponentResult.Fail("no result")).ToList()),
        };
    }
}
