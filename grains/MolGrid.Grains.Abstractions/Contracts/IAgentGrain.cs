namespace MolGrid.Grains.Contracts;

/// <summary>
/// A campaign's learned generator (a reinvent agent: sampling and the RL update) on a silo with the generator's
/// role, normally gpu. Key: <see cref="WorkKey.For"/>(capability, campaign id), placed by the capability director.
/// The campaign grain keeps the round loop and asks this grain for each round's proposals and for the state after
/// the round's scores; the agent's weights are checkpointed in the grid store after every step, so a new
/// activation (its silo died or was drained) continues from the round it is asked about.
/// </summary>
[Alias("molgrid.agent")]
public interface IAgentGrain : IGrainWithStringKey
{
    [Alias("propose"), ResponseTimeout("00:30:00")]
    Task<IReadOnlyList<string>> ProposeAsync(AgentStep step);

    /// <summary>The design state after the round's scores (<see cref="AgentStep.ScoresJson"/>) without its scored
    /// history, as the grid store's round checkpoint JSON: the history is the step's plus the scores, in order, which
    /// the caller has. The agent's checkpoint of that round is in the store before this returns.</summary>
    [Alias("accept"), ResponseTimeout("00:30:00")]
    Task<string> AcceptAsync(AgentStep step);
}

/// <summary>One step of a campaign's generator: the campaign and spec (so any silo can build the generator), the design
/// state the step starts from and, for an accept, the round's scores in proposal order (both as the grid store's
/// JSON). The state, with its whole scored history, is sent only when the agent does not hold it already (its
/// first step, or after <see cref="AgentStateMissingException"/>): otherwise <see cref="StateJson"/> is null and
/// (<see cref="Round"/>, <see cref="OracleCalls"/>, <see cref="ScoredCount"/>) name the state the agent must hold,
/// so a round costs messages of the batch's size rather than of the campaign's history.</summary>
[GenerateSerializer, Alias("molgrid.agent-step")]
public sealed record AgentStep(
    [property: Id(0)] string CampaignId,
    [property: Id(1)] string Spec,
    [property: Id(2)] string? StateJson,
    [property: Id(3)] string? ScoresJson,
    [property: Id(4)] int Round,
    [property: Id(5)] int OracleCalls,
    [property: Id(6)] int ScoredCount);

/// <summary>The agent grain does not hold the design state a step names (a new activation: its silo died or was
/// drained); the caller sends the step again with the state.</summary>
[GenerateSerializer, Alias("molgrid.agent-state-missing")]
public sealed class AgentStateMissingException(string message) : Exception(message);
