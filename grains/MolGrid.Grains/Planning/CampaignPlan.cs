using MolGrid.Pipelines.Design;
using MolGrid.Pipelines.Scoring;

namespace MolGrid.Grains.Planning;

/// <summary>
/// What the grid needs from a campaign spec: the design loop, the scoring components (silos compute them,
/// grouped by capability), the pure combination of raw values into a score (run by the campaign grain),
/// the batch size, and the descriptors to record per candidate.
/// </summary>
public sealed class CampaignPlan
{
    public required string Name { get; init; }
    public required int Budget { get; init; }
    public required int BatchSize { get; init; }
    public required IDesignLoop Loop { get; init; }
    public required IReadOnlyList<IScoringComponent> Components { get; init; }
    public required Func<string, IReadOnlyDictionary<string, ComponentResult>, MoleculeScore> Combine { get; init; }

    /// <summary>Longest one component may take per molecule; null uses the silo's default.</summary>
    public TimeSpan? MoleculeTimeout { get; init; }

    /// <summary>The silo role the generator runs on (a learned generator's agent), or null to run it in the
    /// campaign grain. A loop placed on a role must be an <see cref="ICheckpointedDesignLoop"/>.</summary>
    public string? GeneratorCapability { get; init; }

    /// <summary>Whether candidates get RDKit descriptors recorded (off for synthetic molecules).</summary>
    public bool RecordDescriptors { get; init; } = true;
}
