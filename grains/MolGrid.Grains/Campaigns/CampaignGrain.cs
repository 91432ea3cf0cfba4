using System.Text.Json;
using Microsoft.Extensions.Logging;
using MolGrid.Grains.Contracts;
using MolGrid.Grains.Messages;
using MolGrid.Grains.Orchestration;
using MolGrid.Grains.Planning;
using MolGrid.Grains.Store;
using MolGrid.Pipelines.Design;
using Orleans;
using Orleans.Runtime;

namespace MolGrid.Grains.Campaigns;

/// <summary>
/// The pipeline grain: runs one campaign's rounds (the design loop's propose, score, accept), with the round
/// arithmetic in <see cref="RoundAssembly"/> and every result in the grid store.
/// <list type="bullet">
/// <item>Single activation makes this the campaign's one driver; the store lease is kept as a second guard (two
/// embedded processes on one data directory are two one-silo clusters), and the round update is conditional
/// on the previous round, so a round is recorded once even if two activations ever overlapped.</item>
/// <item>The loop is a task of the activation, not a request, so status and cancel calls are served between
/// its turns. A reminder (Orleans' minimum period, one minute) restarts the loop after a silo loss.</item>
/// <item>Each batch goes to a work grain placed by capability (<see cref="BatchDispatch"/>); a failed call is retried
/// a bounded number of times, after which its molecules fail with a reason. The design steps run here or on the
/// campaign's agent grain (<see cref="CampaignSteps"/>). No silo with the capability at all fails the campaign
/// with <see cref="NoCapableSiloException"/>'s message.</item>
/// </list>
/// </summary>
[GrainType(GrainTypeName)]
internal sealed class CampaignGrain(
    [PersistentState("campaign", OrleansNames.Storage)] IPersistentState<CampaignGrainState> state,
    GridStore store, CampaignPlanner planner, Silo.BatchScoringEngine engine, ILocalSiloDetails local, IClusterMembershipService membership, MolGridOrleansOptions options,
    Placement.SiloLoadView loadView, ILogger<CampaignGrain> log)
    : Grain, ICampaignGrain, IRemindable
{
    /// <summary>Fixed, so campaign grain ids (and their reminder rows) do not change if the class is renamed.</summary>
    internal const string GrainTypeName = "molgrid.campaign";
    internal const string ResumeReminder = "resume";
    internal const int BatchAttempts = 3;
    // The store lease: renewed every third of it while a round runs, so a driver that vanishes without Orleans
    // noticing (two embedded processes on one file) is replaced within it; a driver on a silo Orleans has declared
    // dead is replaced at once (see TakeLeaseAsync).
    internal static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StoreCancelPoll = TimeSpan.FromSeconds(1);

    // Set when a renewal finds another driver holding the lease: the round in flight stops and is not recorded.
    private volatile bool _leaseLost;

    private Task? _loop;

    private CampaignSteps? _steps;
    private BatchDispatch? _dispatch;

    // The previous round's store record, written while the next round is scored (see RecordRoundAsync).
    private Task<bool>? _recording;

    // Back-off between attempts while the store is unreachable; reset once a round is recorded.
    private TimeSpan? _storeRetry;
    private static readonly TimeSpan MaxStoreRetry = TimeSpan.FromSeconds(15);

    // Cancelled by CancelAsync: the round in flight stops waiting for its batches (and they stop scoring), so a
    // cancel takes effect within seconds even when a round takes minutes.
    private readonly CancellationTokenSource _cancel = new();

    // Set when the activation is being deactivated (silo shutting down): the loop stops before recording
    // another round, so a round whose batches failed because the silo was stopping is never saved.
    private volatile bool _stopping;

    private string Id => this.GetPrimaryKeyString();

    private CampaignSteps Steps => _steps ??= new CampaignSteps(GrainFactory, Id, log, _cancel.Token);

    private BatchDispatch Dispatch => _dispatch ??= new BatchDispatch(GrainFactory, Id, loadView, log);

    // The lease owner: this silo and this activation, so a later activation (here or on another silo) is a
    // different driver and must take the lease anew; a graceful deactivation releases it first.
    private string Me => LeaseOwner.Format(local.SiloAddress, GrainContext.ActivationId.ToString());

    private static bool Finished(CampaignStatus s) => s is CampaignStatus.Completed or CampaignStatus.Cancelled or CampaignStatus.Failed;

    public async Task StartAsync()
    {
        if (Finished(state.State.Status)) return;
        await this.RegisterOrUpdateReminder(ResumeReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        EnsureLoop();
    }

    public Task<CampaignGrainStatus> StatusAsync() =>
        Task.FromResult(new CampaignGrainStatus(state.State.Status, state.State.Round, state.State.Error));

    public async Task CancelAsync()
    {
        if (Finished(state.State.Status)) return;
        state.State.CancelRequested = true;
        await state.WriteStateAsync();
        await store.RequestCancelAsync(Id, CancellationToken.None);
        await _cancel.CancelAsync();
        EnsureLoop(); // a loop that is not running (e.g. before the first start) records the cancellation
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ResumeReminder) return;
        if (Finished(state.State.Status)) { await ForgetReminderAsync(); return; }
        EnsureLoop();
    }

    private void EnsureLoop()
    {
        if (!_stopping && (_loop is null || _loop.IsCompleted)) _loop = RunAsync();
    }

    /// <summary>A graceful hand-off: let the loop reach a round boundary (or give up at the deadline), then
    /// release the store lease so the next activation, on any silo, continues at once instead of after the
    /// lease runs out. A round still in flight is abandoned unsaved and re-run there, deterministically.</summary>
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _stopping = true;
        if (_loop is { IsCompleted: false } loop)
        {
            try { await loop.WaitAsync(cancellationToken); }
            catch (OperationCanceledException) { log.LogWarning("campaign {Id}: round still running at deactivation; abandoning it", Id); }
        }
        await store.ReleaseLeaseAsync(Id, Me, CancellationToken.None);
        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    private async Task RunAsync()
    {
        CampaignPlan? plan = null;
        try
        {
            // Another process on the same embedded store may have driven this campaign since this activation
            // read its state: start from the stored version, so this activation's writes are not stale.
            await state.ReadStateAsync();
            var row = await store.GetCampaignAsync(Id, CancellationToken.None);
            if (row is null) { await FinishAsync(CampaignStatus.Failed, $"campaign {Id} is not in the grid store", recordInStore: false); return; }
            if (Enum.TryParse<CampaignStatus>(row.Status, out var stored) && Finished(stored))
            {
                await FinishAsync(stored, row.Error, recordInStore: false); // e.g. cancelled in the store before it ever ran
                return;
            }
            try { plan = planner.Create(row.Spec, new CampaignSubmission(row.Spec, row.Owner, row.ExpressionFile, row.ExpressionData)); }
            catch (Exception e) { await FinishAsync(CampaignStatus.Failed, $"spec no longer builds: {e.Message}"); return; }
            if (!await TakeLeaseAsync(row))
            {
                log.LogWarning("campaign {Id}: another driver holds its lease; not running it here", Id);
                return;
            }
            // Read under the lease: the history is rebuilt from the candidates once, here, and only grows in memory.
            var design = row.StateJson is { } json ? await ResumeAsync(json) : plan.Loop.Start();
            if (plan.Loop is ICheckpointedDesignLoop resumable && plan.GeneratorCapability is null && design.Round > 0)
            {
                var checkpoint = await store.GetCheckpointAsync(Id, design.Round, CancellationToken.None);
                try
                {
                    if (checkpoint is null) throw new InvalidDataException($"no generator checkpoint of round {design.Round} in the store");
                    resumable.RestoreCheckpoint(design, checkpoint);
                }
                catch (InvalidDataException e) { await FinishAsync(CampaignStatus.Failed, $"cannot continue after round {design.Round}: {e.Message}"); return; }
            }
            Steps.Forget(); // this loop's first agent step sends the state it resumed from
            await store.MarkRunningAsync(Id, Me, CancellationToken.None);
            await SetAsync(CampaignStatus.Running, design.Round);
            // Renewed every third of its length rather than every round (a write each): the round commit is
            // conditional on holding it, so a lease lost between renewals still records no round.
            var leaseTaken = System.Diagnostics.Stopwatch.StartNew();
            var resumedRound = true;
            while (!_stopping)
            {
                if (leaseTaken.Elapsed > Lease / 3)
                {
                    if (!await store.TryLeaseAsync(Id, Me, Lease, CancellationToken.None)) { log.LogWarning("campaign {Id}: lease lost", Id); return; }
                    leaseTaken.Restart();
                }
                // A cancel recorded in the store by another process is seen by the round's watcher, which checks at once.
                if (state.State.CancelRequested) { await FinishAsync(CampaignStatus.Cancelled, null); return; }
                var proposals = plan.Loop.IsDone(design) ? [] : await Steps.ProposeAsync(plan, row.Spec, design);
                if (proposals.Count == 0)
                {
                    if (await SettleRecordingAsync()) await FinishAsync(CampaignStatus.Completed, null);
                    return;
                }

                var round = design.Round + 1;
                // This silo's slots as the parallelism: exact on the embedded grid (one silo runs every batch); on a cluster
                // a lower bound, which still evens out the batches.
                var batches = RoundAssembly.Batches(Id, row.Spec, plan, round, proposals, options.Slots);
                // Only the first round of an activation can have stored batches (an earlier activation's, cut short).
                var already = resumedRound ? (await store.CompletedBatchIdsAsync(Id, round, CancellationToken.None)).ToHashSet(StringComparer.Ordinal) : [];
                resumedRound = false;
                var todo = batches.Where(b => !already.Contains(b.BatchId)).ToList();
                // One cache read for the round here, not one per batch on its silo: at 8 silos a round's 128 reads met
                // in PostgreSQL at once, and each slot's first batch waited for its own (docs/grid.md, bench grid).
                var cached = await engine.ReadCacheForBatchesAsync(plan.Components, todo, CancellationToken.None);
                int unanswered;
                var lost = new Dictionary<string, string>(StringComparer.Ordinal); // molecule key -> why its batch failed
                var results = new List<(string BatchId, IReadOnlyList<BatchResultItem> Items)>();
                using (var roundToken = CancellationTokenSource.CreateLinkedTokenSource(_cancel.Token))
                using (var roundOver = new CancellationTokenSource())
                {
                    var watch = WatchRoundAsync(roundToken, roundOver.Token);
                    try
                    {
                        // Each receipt's results are parsed as it comes back, while other batches still score, rather
                        // than all of them at the round's end, when every slot waits for the next round.
                        var outcomes = await Task.WhenAll(todo.Select(async b =>
                        {
                            var (receipt, error) = await Dispatch.ScoreAsync(b, cached.GetValueOrDefault(b.BatchId), roundToken.Token);
                            var items = error is null && receipt!.Stored && receipt.ResultsJson is { } json ? RoundAssembly.ParseResults(json) : null;
                            return (Batch: b, Error: error, Items: items);
                        }));
                        unanswered = 0;
                        foreach (var (b, error, items) in outcomes)
                        {
                            if (error is not null)
                            {
                                unanswered++;
                                foreach (var m in b.Molecules) lost[m.Key] = error;
                            }
                            else if (items is not null) results.Add((b.BatchId, items));
                            else already.Add(b.BatchId); // stored by an earlier attempt: the stored row is the one that counts
                        }
                    }
                    finally { await roundOver.CancelAsync(); await watch; }
                }
                // The previous round's record, written while this round was scored, must stand before this one is built on it.
                if (!await SettleRecordingAsync()) return;
                if (_stopping) return; // failures may be the shutdown's: leave the round to the next activation
                var storedErrors = 0;
                if (already.Count > 0)
                    foreach (var r in (await store.BatchResultsAsync(Id, round, CancellationToken.None)).Where(r => already.Contains(r.BatchId)))
                    {
                        results.Add((r.BatchId, RoundAssembly.ParseResults(r.ResultsJson)));
                        if (r.Error is not null) storedErrors++;
                    }
                results.Sort((a, b) => string.CompareOrdinal(a.BatchId, b.BatchId));
                var scores = RoundAssembly.Combine(plan, proposals, results.Select(r => r.Items), lost);
                var next = await Steps.AcceptAsync(plan, row.Spec, design, scores);
                var failedBatches = unanswered + storedErrors;
                // Recorded while the next round is proposed and scored: the round's descriptors and its commit are
                // CPU and store work that would otherwise leave every slot idle at each round boundary.
                _recording = RecordRoundAsync(plan, design.Round, next, scores, batches.Count, failedBatches);
                design = next;
            }
        }
        catch (OperationCanceledException) when (_leaseLost && !_cancel.IsCancellationRequested)
        {
            log.LogWarning("campaign {Id}: lease lost mid-round; the round is left to its new driver", Id);
        }
        catch (OperationCanceledException) when (_cancel.IsCancellationRequested && !_stopping)
        {
            // Cancelled mid-round: the round is abandoned unrecorded; the rounds before it stand.
            await FinishAsync(CampaignStatus.Cancelled, null);
        }
        catch (NoCapableSiloException e) when (!_stopping)
        {
            await FinishAsync(CampaignStatus.Failed, e.Message);
        }
        catch (Exception) when (_stopping)
        {
            // Calls failing because this silo is shutting down: the next activation resumes the campaign.
        }
        catch (Exception e) when (BatchDispatch.StoreFault(e) is not null)
        {
            // The store is away (PostgreSQL restarting, the SQLite file locked for long): nothing about the campaign
            // is wrong, so it is not failed; the loop starts again from the last recorded round once the store answers.
            _storeRetry = _storeRetry is { } d ? TimeSpan.FromTicks(Math.Min(d.Ticks * 2, MaxStoreRetry.Ticks)) : TimeSpan.FromSeconds(1);
            log.LogWarning("campaign {Id}: the store failed ({Message}); trying again in {Delay} s", Id, e.Message, _storeRetry.Value.TotalSeconds);
            _ = RestartAfterAsync(_storeRetry.Value);
        }
        catch (Exception e)
        {
            log.LogError(e, "campaign {Id} failed", Id);
            await FinishAsync(CampaignStatus.Failed, e.Message);
        }
        finally
        {
            await SettleRecordingQuietlyAsync();
            (plan?.Loop as IDisposable)?.Dispose(); // a reinvent loop holds a prior and an agent in native memory
        }
    }

    /// <summary>Writes a finished round: the generator checkpoint first (a crash between the two leaves a spare
    /// checkpoint, never a recorded round without one), then, in one commit, the design state without its history,
    /// the progress row and the candidate rows that hold the round's scores. False when the round was recorded
    /// elsewhere (another driver took over).</summary>
    private async Task<bool> RecordRoundAsync(CampaignPlan plan, int previousRound, DesignState next, IReadOnlyList<MoleculeScore> scores, int batches, int failedBatches)
    {
        if (plan.Loop is ICheckpointedDesignLoop checkpointed && plan.GeneratorCapability is null)
            await store.SaveCheckpointAsync(Id, next.Round, checkpointed.SaveCheckpoint(next), CancellationToken.None);
        var (progress, candidates, best) = await Task.Run(() => RoundAssembly.Record(Id, plan, next, scores, batches, failedBatches));
        if (!await store.SaveRoundAsync(Id, Me, previousRound, DesignCheckpoint.Write(next), next.OracleCalls, best, progress, candidates, CancellationToken.None))
        {
            log.LogWarning("campaign {Id}: round {Round} was recorded elsewhere; letting go", Id, next.Round);
            return false;
        }
        _storeRetry = null;
        if (plan.Loop is ICheckpointedDesignLoop) await store.PruneCheckpointsAsync(Id, next.Round, CancellationToken.None);
        await SetAsync(CampaignStatus.Running, next.Round);
        return true;
    }

    /// <summary>Waits for the round being recorded, if any; false when it was recorded elsewhere. Its store
    /// errors surface here, as the loop's own would.</summary>
    private async Task<bool> SettleRecordingAsync()
    {
        if (_recording is not { } recording) return true;
        _recording = null;
        return await recording;
    }

    /// <summary>Before the campaign is finished or let go: a round record still in flight must not land after the
    /// final status (it would set the campaign Running again) or after the lease is released (it would be refused).</summary>
    private async Task SettleRecordingQuietlyAsync()
    {
        try { await SettleRecordingAsync(); }
        catch (Exception e) { log.LogWarning("campaign {Id}: the last round could not be recorded: {Message}", Id, e.Message); }
    }

    /// <summary>Runs the loop again after a pause (a store outage); on the activation's scheduler, as every
    /// continuation of a grain's awaits is.</summary>
    private async Task RestartAfterAsync(TimeSpan delay)
    {
        await Task.Delay(delay);
        EnsureLoop();
    }

    /// <summary>
    /// While a round runs: renews the lease every third of it (a lost lease stops the round), and sees a cancel
    /// recorded in the store by another process (`molgrid campaign cancel` on the embedded data directory, which
    /// starts no silo) within a second, as a grain call's would be.
    /// </summary>
    private async Task WatchRoundAsync(CancellationTokenSource round, CancellationToken roundOver)
    {
        try
        {
            var renewed = DateTime.UtcNow;
            while (!roundOver.IsCancellationRequested && !round.IsCancellationRequested)
            {
                if ((await store.GetCampaignSummaryAsync(Id, roundOver))?.CancelRequested is { } flag && flag != 0)
                {
                    state.State.CancelRequested = true;
                    await _cancel.CancelAsync();
                }
                if (DateTime.UtcNow - renewed >= Lease / 3)
                {
                    if (!await store.TryLeaseAsync(Id, Me, Lease, roundOver)) { _leaseLost = true; await round.CancelAsync(); }
                    renewed = DateTime.UtcNow;
                }
                await Task.Delay(StoreCancelPoll, roundOver);
            }
        }
        catch (OperationCanceledException) when (roundOver.IsCancellationRequested) { }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The store is briefly unreachable: the round's own store writes will say so; the next round checks again.
            log.LogDebug(e, "campaign {Id}: cancel check failed", Id);
        }
    }

    /// <summary>
    /// Takes the store lease: free, expired or ours as usual; and also when its holder was an activation on a silo
    /// Orleans' membership has declared dead (kill -9, a lost node). Orleans then guarantees that silo runs no more
    /// grains (it stops itself on learning it was declared dead), so the campaign continues now instead of after
    /// the lease runs out.
    /// </summary>
    private async Task<bool> TakeLeaseAsync(CampaignRow row)
    {
        if (await store.TryLeaseAsync(Id, Me, Lease, CancellationToken.None)) return true;
        if (row.LeaseOwner is not { } holder || LeaseOwner.SiloOf(holder) is not { } silo) return false;
        if (membership.CurrentSnapshot.GetSiloStatus(silo) != SiloStatus.Dead) return false;
        log.LogInformation("campaign {Id}: its driver's silo {Silo} is dead; taking over", Id, silo);
        return await store.TakeOverLeaseAsync(Id, holder, Me, Lease, CancellationToken.None);
    }

    /// <summary>The stored design state. A legacy whole state (written before checkpoints) is used as it is, and its
    /// candidates are numbered in its history's order first, so the checkpoints that follow it resume too.</summary>
    private async Task<DesignState> ResumeAsync(string json)
    {
        var design = await DesignCheckpoint.Resume(json, async () =>
            (await store.GetScoredHistoryAsync(Id, CancellationToken.None)).Select(DesignCheckpoint.ScoreOf).ToList());
        if (DesignCheckpoint.IsLegacy(json))
            await store.BackfillCandidateOrderAsync(Id, design.Scored.Select(s => s.Smiles).ToList(), CancellationToken.None);
        return design;
    }

    /// <summary>The status for status calls. Persisted when the status changes; the round alone changes every round and
    /// the store records it (campaigns.round), so it is kept in memory and written with the next change of status.</summary>
    private async Task SetAsync(CampaignStatus status, int round)
    {
        var changed = state.State.Status != status;
        state.State.Status = status;
        state.State.Round = round;
        if (changed) await state.WriteStateAsync();
    }

    private async Task FinishAsync(CampaignStatus status, string? error, bool recordInStore = true)
    {
        await SettleRecordingQuietlyAsync();
        if (recordInStore) await store.FinishCampaignAsync(Id, Me, status, error, CancellationToken.None);
        state.State.Status = status;
        state.State.Error = error;
        await state.WriteStateAsync();
        await ForgetReminderAsync();
    }

    private async Task ForgetReminderAsync()
    {
        if (await this.GetReminder(ResumeReminder) is { } r) await this.UnregisterReminder(r);
    }
}
