using System.Text.Json;
using Microsoft.Extensions.Logging;
using MolGrid.Grains.Contracts;
using MolGrid.Grains.Orchestration;
using MolGrid.Grains.Planning;
using MolGrid.Grains.Store;
using MolGrid.Pipelines.Design;
using Orleans;

namespace MolGrid.Grains.Campaigns;

/// <summary>
/// Where a campaign's design steps (propose, accept) run: the plan's loop in the campaign grain's activation, or
/// the campaign's agent grain on a silo with the generator's role; one per campaign activation, because it
/// remembers whether that agent holds the current design state.
/// </summary>
internal sealed class CampaignSteps(IGrainFactory grains, string campaignId, ILogger log, CancellationToken cancel)
{
    // Whether the campaign's agent grain holds the current design state, so agent steps can leave it out.
    private bool _agentHoldsState;

    private string Id => campaignId;

    /// <summary>The next agent step sends the design state (a loop that resumed from the store).</summary>
    public void Forget() => _agentHoldsState = false;

    /// <summary>The round's proposals: from the loop here, or from the campaign's agent grain on a silo with the
    /// generator's role (a learned generator's sampling and update run there, not where the campaign grain is).</summary>
    public async Task<IReadOnlyList<string>> ProposeAsync(CampaignPlan plan, string spec, DesignState design)
    {
        // The loop's steps run on the thread pool, not on the activation's scheduler: that one runs one task at a
        // time, so Parallel.For inside Propose (children bred on every core) ran on one thread there.
        if (plan.GeneratorCapability is not { } role) return await Task.Run(() => plan.Loop.Propose(design));
        return await CallAgentAsync(role, spec, design, null, (agent, step) => agent.ProposeAsync(step));
    }

    public async Task<DesignState> AcceptAsync(CampaignPlan plan, string spec, DesignState design, IReadOnlyList<MoleculeScore> scores)
    {
        if (plan.GeneratorCapability is not { } role) return await Task.Run(() => plan.Loop.Accept(design, scores));
        var checkpoint = await CallAgentAsync(role, spec, design, JsonSerializer.Serialize(scores, StoreJson.Options), (agent, step) => agent.AcceptAsync(step));
        // The agent answers without the history: it is this round's plus the scores, as the loop appends them.
        return await DesignCheckpoint.Resume(checkpoint, () => Task.FromResult<IReadOnlyList<MoleculeScore>>([.. design.Scored, .. scores]));
    }

    /// <summary>
    /// One step on the agent grain. The design state (with its whole history) goes along only when the agent may
    /// not hold it: the first step of this activation, after a failed call, or when the agent says it lacks it (a
    /// new activation of its own). Retries a failed call as a batch is retried (its silo died: the next activation
    /// restores the agent from its checkpoint); no silo with the role fails the campaign with the reason.
    /// </summary>
    private async Task<T> CallAgentAsync<T>(string role, string spec, DesignState design, string? scores, Func<IAgentGrain, AgentStep, Task<T>> call)
    {
        var agent = grains.GetGrain<IAgentGrain>(WorkKey.For(role, Id));
        AgentStep Step(bool withState) => new(Id, spec, withState ? JsonSerializer.Serialize(design, StoreJson.Options) : null, scores,
            design.Round, design.OracleCalls, design.Scored.Count);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                T result;
                try { result = await call(agent, Step(!_agentHoldsState)).WaitAsync(cancel); }
                catch (AgentStateMissingException) { result = await call(agent, Step(true)).WaitAsync(cancel); }
                _agentHoldsState = true;
                return result;
            }
            catch (Exception e) when (attempt < CampaignGrain.BatchAttempts && e is not NoCapableSiloException and not OperationCanceledException and not InvalidDataException)
            {
                _agentHoldsState = false;
                log.LogWarning("campaign {Id}: agent call attempt {Attempt} failed: {Message}", Id, attempt, e.Message);
                await Task.Delay(TimeSpan.FromMilliseconds(250 * attempt), cancel);
            }
        }
    }
}
