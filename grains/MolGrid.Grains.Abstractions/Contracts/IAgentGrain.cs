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

    /// <summary>The design state after the round's scores (<see cref="AgentStep.ScoresJson"/>), as JSON; the agent's
    /// checkpoint of that round is in the store before this returns.</summary>
    [Alias("accept"), ResponseTimeout("00:30:00")]
    Task<string> AcceptAsync(AgentStep step);
}

/// <summary>One step of a campaign's generator: the campaign and spec (so any silo can build the generator), the
/// design state the step starts from and, for an accept, the round's scores in proposal order (both as the grid
/// store's JSON).</summary>
[GenerateSerializer, Alias("molgrid.agent-step")]
public sealed record AgentStep(
    [property: Id(0)] string CampaignId,
    [property: Id(1)] string Spec,
    [property: Id(2)] string StateJson,
    [property: Id(3)] string? ScoresJson);
