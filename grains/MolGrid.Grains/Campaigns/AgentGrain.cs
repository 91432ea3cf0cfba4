using System.Text.Json;
using Microsoft.Extensions.Logging;
using MolGrid.Grains.Contracts;
using MolGrid.Grains.Orchestration;
using MolGrid.Grains.Placement;
using MolGrid.Grains.Planning;
using MolGrid.Grains.Store;
using MolGrid.Pipelines.Design;
using Orleans;

namespace MolGrid.Grains.Campaigns;

/// <summary>
/// Runs a campaign's learned generator where its role is (see <see cref="IAgentGrain"/>). The activation keeps the
/// loop (prior and agent in memory) between rounds; when asked about a round its agent is not at (a new activation,
/// or the campaign grain re-running a round it abandoned) it restores that round's checkpoint from the store, and
/// an accept without its propose re-proposes first, which samples the same molecules (sampling is seeded by round).
/// </summary>
[CapabilityPlacement]
internal sealed class AgentGrain(GridStore store, CampaignPlanner planner, ILogger<AgentGrain> log) : Grain, IAgentGrain
{
    private CampaignPlan? _plan;
    private int _round = -1;      // the round the agent is at (its last accepted state's), -1 before any
    private int _proposed = -1;   // the round it last proposed for
    private DesignState? _state;  // the design state it last received or produced, so steps need not resend it

    public async Task<IReadOnlyList<string>> ProposeAsync(AgentStep step)
    {
        var (loop, state) = await AtRoundAsync(step);
        var proposals = loop.Propose(state);
        _proposed = state.Round;
        return proposals;
    }

    public async Task<string> AcceptAsync(AgentStep step)
    {
        if (step.ScoresJson is null) throw new ArgumentException("an accept needs the round's scores", nameof(step));
        var (loop, state) = await AtRoundAsync(step);
        if (_proposed != state.Round) loop.Propose(state); // the same sample as the campaign grain scored
        var scores = JsonSerializer.Deserialize<List<MoleculeScore>>(step.ScoresJson, StoreJson.Options)!;
        var next = loop.Accept(state, scores);
        // The loop has moved past the round; until its checkpoint is stored (the store may be away), a retry of
        // this step restores the round from the store instead of meeting a loop one round ahead.
        _round = -1;
        _proposed = -1;
        await store.SaveCheckpointAsync(step.CampaignId, next.Round, loop.SaveCheckpoint(next), CancellationToken.None);
        _round = next.Round;
        _proposed = -1;
        _state = next;
        return DesignCheckpoint.Write(next);
    }

    /// <summary>The step's state: the one it carries, else the one this activation holds if it is the one named.</summary>
    private DesignState StateOf(AgentStep step)
    {
        if (step.StateJson is { } json) return _state = JsonSerializer.Deserialize<DesignState>(json, StoreJson.Options)!;
        if (_state is { } held && held.Round == step.Round && held.OracleCalls == step.OracleCalls && held.Scored.Count == step.ScoredCount) return held;
        throw new AgentStateMissingException($"agent of campaign {step.CampaignId} does not hold the state of round {step.Round}" +
                                             (_state is null ? " (a new activation)" : $" (it holds round {_state.Round})"));
    }

    private async Task<(ICheckpointedDesignLoop Loop, DesignState State)> AtRoundAsync(AgentStep step)
    {
        var state = StateOf(step);
        if (_plan is null || (state.Round == 0 && _round != 0))
        {
            (_plan?.Loop as IDisposable)?.Dispose();
            var submission = await store.SubmissionAsync(step.CampaignId, CancellationToken.None)
                ?? throw new InvalidOperationException($"campaign {step.CampaignId} is not in the grid store");
            _plan = planner.Create(step.Spec, submission);
            _round = 0;
            _proposed = -1;
        }
        if (_plan.Loop is not ICheckpointedDesignLoop loop)
            throw new InvalidOperationException($"campaign {step.CampaignId}: its generator cannot run in an agent grain (no checkpoints)");
        if (_round != state.Round)
        {
            var checkpoint = await store.GetCheckpointAsync(step.CampaignId, state.Round, CancellationToken.None)
                ?? throw new InvalidDataException($"no generator checkpoint of round {state.Round} in the store");
            loop.RestoreCheckpoint(state, checkpoint);
            log.LogInformation("campaign {Id}: agent restored at round {Round}", step.CampaignId, state.Round);
            _round = state.Round;
            _proposed = -1;
        }
        return (loop, state);
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        (_plan?.Loop as IDisposable)?.Dispose();
        _plan = null;
        _state = null;
        return base.OnDeactivateAsync(reason, cancellationToken);
    }
}
