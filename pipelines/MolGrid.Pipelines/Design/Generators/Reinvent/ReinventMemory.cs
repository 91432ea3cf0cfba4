using System.Text.Json;

namespace MolGrid.Pipelines.Design.Generators.Reinvent;

/// <summary>The reinvent loop's part of <see cref="DesignState.GeneratorState"/>: the replay buffer (bounded), the
/// agent's update count and the stop counters. The agent's weights live in the loop object (see
/// <see cref="ReinventLoop"/>); the diversity filter's buckets are rebuilt from the history (<see cref="DiversityMemory"/>).</summary>
public sealed record ReinventMemory
{
    public List<ReplayEntry> Replay { get; init; } = [];
    public int AgentSteps { get; init; }
    public int Stalled { get; init; }
    public double BestTop100 { get; init; } = -1;
    public int NoImprovement { get; init; }

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static ReinventMemory FromJson(string? json) =>
        string.IsNullOrEmpty(json) ? new ReinventMemory() : JsonSerializer.Deserialize<ReinventMemory>(json, Json) ?? new ReinventMemory();
}
