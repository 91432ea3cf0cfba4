using System.Text.Json;
using System.Text.Json.Nodes;
using MolGrid.Pipelines.Design;

namespace MolGrid.Grains.Orchestration;

/// <summary>
/// What a campaign stores in campaigns.state_json after each round: the design state without its scored
/// history. The history is exactly the campaign's candidate rows, inserted with the same round commit and
/// numbered in the order first scored (candidates.seq), so the per-round write no longer grows with the
/// campaign's age; <see cref="Resume"/> rebuilds <see cref="DesignState.Scored"/> from them once per activation.
/// A state_json written before this (a whole <see cref="DesignState"/>, with "Scored") still resumes as it is.
/// </summary>
internal sealed record DesignCheckpoint
{
    /// <summary>Tells a checkpoint from a legacy whole state, which has no such property.</summary>
    public int Format { get; init; } = 2;
    public required int Round { get; init; }
    public required int OracleCalls { get; init; }
    public required long Seed { get; init; }
    public required IReadOnlyList<string> Population { get; init; }
    public string? GeneratorState { get; init; }
    /// <summary>Length of <see cref="DesignState.Scored"/> at this round, checked against the rebuilt history.</summary>
    public required int ScoredCount { get; init; }

    // Generator state is JSON of its own; NaN may appear in scores of legacy states.
    private static readonly JsonSerializerOptions Json = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public static string Write(DesignState state) => JsonSerializer.Serialize(new DesignCheckpoint
    {
        Round = state.Round, OracleCalls = state.OracleCalls, Seed = state.Seed, Population = state.Population,
        GeneratorState = state.GeneratorState, ScoredCount = state.Scored.Count,
    }, Json);

    /// <summary>A candidate row as the design loop scored it (totals and component values are stored exactly:
    /// doubles in the score column, shortest round-trip JSON for the components).</summary>
    public static MoleculeScore ScoreOf(Store.CandidateRow row) =>
        new(row.Smiles, row.Score, JsonSerializer.Deserialize<Dictionary<string, double>>(row.ComponentsJson, Json)!, row.Error);

    /// <summary>True when <paramref name="json"/> is a legacy whole design state (history inline).</summary>
    public static bool IsLegacy(string json) => JsonNode.Parse(json) is JsonObject o && o.ContainsKey(nameof(DesignState.Scored));

    /// <summary>The design state stored as <paramref name="json"/>: a legacy state as it is, a checkpoint with its
    /// history from <paramref name="history"/> (the candidates in the order first scored).</summary>
    public static async Task<DesignState> Resume(string json, Func<Task<IReadOnlyList<MoleculeScore>>> history)
    {
        if (IsLegacy(json)) return JsonSerializer.Deserialize<DesignState>(json, Json)!;
        var c = JsonSerializer.Deserialize<DesignCheckpoint>(json, Json)!;
        var scored = await history();
        // A mismatch would silently change every later round (the loop reads the whole history): refuse it.
        if (scored.Count != c.ScoredCount)
            throw new InvalidOperationException($"round {c.Round} recorded {c.ScoredCount} scored molecules but {scored.Count} candidate rows are stored");
        return new DesignState
        {
            Round = c.Round, OracleCalls = c.OracleCalls, Seed = c.Seed, Population = c.Population,
            GeneratorState = c.GeneratorState, Scored = scored,
        };
    }
}
