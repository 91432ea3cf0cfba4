using System.Diagnostics;
using System.Text.Json;
using MassTransit;
using MolGrid.Grains.Configuration;
using MolGrid.Grains.Messages;
using MolGrid.Grains.Planning;
using MolGrid.Grains.Silo;
using MolGrid.Grains.Store;
using MolGrid.Molecules;
using MolGrid.Pipelines.Design;
using MolGrid.Pipelines.Scoring;
using Microsoft.Extensions.Logging;

namespace MolGrid.Grains.Orchestration;

/// <summary>
/// The campaign orchestrator (the design card's pipeline grain): runs the design loop one round at a time
/// (Propose, fan batches out per capability, gather from the store, Combine here, Accept) and commits
/// the design state, the round's progress and its candidates in one transaction after every round. A
/// restarted orchestrator reloads the last committed state and re-sends only the batches of the open round
/// whose results are not already stored.
/// </summary>
internal sealed class CampaignRunner(GridStore store, CampaignPlanner planner, ISendEndpointProvider sends, BatchSignals signals,
    GridCounters counters, OrchestratorOptions options, ILogger<CampaignRunner> log)
{
    internal static readonly JsonSerializerOptions Json = ScoreBatchConsumer.Json;

    public async Task RunAsync(string campaignId, CancellationToken ct)
    {
        var me = options.Id;
        var row = await store.GetCampaignAsync(campaignId, ct) ?? throw new InvalidOperationException($"campaign {campaignId} vanished");
        CampaignPlan plan;
        try
        {
            plan = planner.Create(row.Spec, new CampaignSubmission(row.Spec, row.Owner, row.ExpressionFile, row.ExpressionData));
        }
        catch (Exception e)
        {
            await store.FinishCampaignAsync(campaignId, me, CampaignStatus.Failed, $"spec no longer builds: {e.Message}", ct);
            return;
        }
        var state = row.StateJson is { } json ? JsonSerializer.Deserialize<DesignState>(json, Json)! : plan.Loop.Start();
        if (row.StateJson is not null) log.LogInformation("campaign {Id}: resuming after round {Round}", campaignId, state.Round);
        if (!await store.MarkRunningAsync(campaignId, me, ct)) return;

        using var lost = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var renewal = RenewLeaseAsync(campaignId, lost);
        signals.Listen(campaignId);
        try
        {
            while (true)
            {
                var current = await store.GetCampaignSummaryAsync(campaignId, lost.Token);
                if (current is null || current.LeaseOwner != me) return;
                if (current.CancelRequested != 0) { await store.FinishCampaignAsync(campaignId, me, CampaignStatus.Cancelled, null, ct); return; }
                var started = Stopwatch.GetTimestamp();
                var proposals = plan.Loop.IsDone(state) ? [] : plan.Loop.Propose(state);
                if (proposals.Count == 0) { await store.FinishCampaignAsync(campaignId, me, CampaignStatus.Completed, null, ct); return; }
                counters.Add(ref counters.ProposeTicks, started);

                var round = state.Round + 1;
                var (scores, batches, failedBatches) = await ScoreRoundAsync(campaignId, row.Spec, plan, round, proposals, lost.Token);

                started = Stopwatch.GetTimestamp();
                var next = plan.Loop.Accept(state, scores);
                counters.Add(ref counters.AcceptTicks, started);
                started = Stopwatch.GetTimestamp();
                var saved = await SaveRoundAsync(campaignId, me, plan, state, next, scores, batches, failedBatches, lost.Token);
                counters.Add(ref counters.SaveTicks, started);
                if (!saved) { log.LogWarning("campaign {Id}: round {Round} was recorded elsewhere; letting go", campaignId, round); return; }
                state = next;
            }
        }
        catch (OperationCanceledException) when (lost.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            log.LogWarning("campaign {Id}: lease lost; another orchestrator continues it", campaignId);
        }
        catch (Exception e) when (!ct.IsCancellationRequested && e is not OperationCanceledException)
        {
            log.LogError(e, "campaign {Id} failed", campaignId);
            await store.FinishCampaignAsync(campaignId, me, CampaignStatus.Failed, e.Message, CancellationToken.None);
        }
        finally
        {
            await lost.CancelAsync();
            await renewal;
            signals.Forget(campaignId);
        }
    }

    private async Task RenewLeaseAsync(string campaignId, CancellationTokenSource lost)
    {
        var every = TimeSpan.FromTicks(options.Lease.Ticks / 3);
        while (!lost.IsCancellationRequested)
        {
            try { await Task.Delay(every, lost.Token); } catch (OperationCanceledException) { return; }
            try
            {
                if (!await store.TryLeaseAsync(campaignId, options.Id, options.Lease, lost.Token)) { await lost.CancelAsync(); return; }
            }
            catch (Exception e) when (!lost.IsCancellationRequested)
            {
                // The store may be briefly unreachable; the lease has slack for a couple of missed renewals.
                log.LogWarning("campaign {Id}: lease renewal failed: {Message}", campaignId, e.Message);
            }
        }
    }

    private async Task<(IReadOnlyList<MoleculeScore> Scores, int Batches, int Failed)> ScoreRoundAsync(string campaignId, string spec, CampaignPlan plan,
        int round, IReadOnlyList<string> proposals, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var batches = RoundAssembly.Batches(campaignId, spec, plan, round, proposals);
        var pending = signals.Listen(campaignId);
        var capabilityOf = batches.ToDictionary(b => b.BatchId, b => b.Capability, StringComparer.Ordinal);
        var done = new HashSet<string>(StringComparer.Ordinal);
        // Counts the batch once for the waiting gauge; ids from other rounds or campaigns are ignored.
        void Done(string id)
        {
            if (capabilityOf.TryGetValue(id, out var cap) && done.Add(id)) counters.AddWaiting(cap, -1);
        }
        foreach (var b in batches) counters.AddWaiting(b.Capability, 1);
        try
        {
            foreach (var id in await store.CompletedBatchIdsAsync(campaignId, round, ct)) Done(id);
            await SendAsync(batches.Where(b => !done.Contains(b.BatchId)).ToList(), ct);
            counters.Add(ref counters.DispatchTicks, started);

            var lastProgress = Stopwatch.GetTimestamp();
            while (done.Count < batches.Count)
            {
                var before = done.Count;
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
                wait.CancelAfter(options.PollInterval);
                try
                {
                    var (r, id) = await pending.ReadAsync(wait.Token);
                    if (r == round) Done(id);
                    while (pending.TryRead(out var more)) if (more.Round == round) Done(more.BatchId);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    // No event for a while (broker restarting, or events lost): the store has the truth.
                    try { foreach (var id in await store.CompletedBatchIdsAsync(campaignId, round, ct)) Done(id); }
                    catch (Exception e) when (!ct.IsCancellationRequested) { log.LogWarning("campaign {Id}: store poll failed: {Message}", campaignId, e.Message); }
                }
                if (done.Count > before) lastProgress = Stopwatch.GetTimestamp();
                else if (Stopwatch.GetElapsedTime(lastProgress) > options.ResendAfter)
                {
                    // Safe to repeat: results are insert-if-absent and silos skip batches already stored.
                    var missing = batches.Where(b => !done.Contains(b.BatchId)).ToList();
                    log.LogWarning("campaign {Id}: round {Round}: {Count} batches overdue; sending them again", campaignId, round, missing.Count);
                    await SendAsync(missing, ct);
                    lastProgress = Stopwatch.GetTimestamp();
                }
            }
        }
        finally
        {
            // A round abandoned (lease lost, shutdown) no longer waits on anything here.
            foreach (var b in batches) if (!done.Contains(b.BatchId)) counters.AddWaiting(b.Capability, -1);
        }

        started = Stopwatch.GetTimestamp();
        var rows = await store.BatchResultsAsync(campaignId, round, ct);
        var scores = RoundAssembly.Combine(plan, proposals, rows);
        Interlocked.Add(ref counters.BatchesAwaited, batches.Count);
        counters.Add(ref counters.GatherTicks, started);
        return (scores, batches.Count, rows.Count(r => r.Error is not null));
    }

    private async Task SendAsync(IReadOnlyList<ScoreBatch> batches, CancellationToken ct)
    {
        foreach (var group in batches.GroupBy(b => b.Capability))
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    var endpoint = await sends.GetSendEndpoint(new Uri($"queue:{WorkQueues.For(group.Key)}"));
                    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                    timeout.CancelAfter(TimeSpan.FromSeconds(15));
                    await Task.WhenAll(group.Select(b => endpoint.Send(b, timeout.Token)));
                    Interlocked.Add(ref counters.BatchesDispatched, group.Count());
                    break;
                }
                catch (Exception e) when (!ct.IsCancellationRequested)
                {
                    // The broker is away: wait and send again (duplicates are harmless).
                    log.LogWarning("sending {Count} {Capability} batches failed (attempt {Attempt}): {Message}", group.Count(), group.Key, attempt, e.Message);
                    await Task.Delay(TimeSpan.FromSeconds(Math.Min(5, attempt)), ct);
                }
            }
        }
    }

    private async Task<bool> SaveRoundAsync(string campaignId, string me, CampaignPlan plan, DesignState before, DesignState after,
        IReadOnlyList<MoleculeScore> scores, int batches, int failedBatches, CancellationToken ct)
    {
        var started0 = Stopwatch.GetTimestamp();
        var (progress, candidates, bestSoFar) = RoundAssembly.Record(campaignId, plan, after, scores, batches, failedBatches);
        var t0 = Stopwatch.GetTimestamp();
        var json = JsonSerializer.Serialize(after, Json);
        var t1 = Stopwatch.GetTimestamp();
        var ok2 = await store.SaveRoundAsync(campaignId, me, before.Round, json, after.OracleCalls, bestSoFar, progress, candidates, ct);
        if (Environment.GetEnvironmentVariable("MOLGRID_TRACE_SAVE") == "1")
            Console.Error.WriteLine($"save: prep {Stopwatch.GetElapsedTime(started0, t0).TotalMilliseconds:0.0} ms, json {Stopwatch.GetElapsedTime(t0, t1).TotalMilliseconds:0.0} ms ({json.Length} chars), store {Stopwatch.GetElapsedTime(t1).TotalMilliseconds:0.0} ms, {candidates.Count} candidates");
        return ok2;
    }
}
