using System.Diagnostics;
using System.Text.Json;
using MassTransit;
using MolGrid.Grains.Messages;
using MolGrid.Grains.Planning;
using MolGrid.Grains.Store;

namespace MolGrid.Grains.Silo;

/// <summary>
/// A silo's worker: scores one batch and stores its results insert-if-absent, then announces them. A batch
/// already in the store (a redelivery after a crash, or a resend) is only announced again.
/// </summary>
internal sealed class ScoreBatchConsumer(SiloRuntime silo, GridStore store, CampaignPlanner planner, BatchScoringEngine engine) : IConsumer<ScoreBatch>
{
    internal static readonly JsonSerializerOptions Json = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public async Task Consume(ConsumeContext<ScoreBatch> context)
    {
        var m = context.Message;
        var ct = context.CancellationToken;
        await silo.Slots.WaitAsync(ct);
        silo.Begin();
        var stored = false;
        var started = Stopwatch.GetTimestamp();
        long computeTicks = 0;
        try
        {
            // No "already done?" read first: a redelivered batch finds its values in the score cache, and the
            // insert-if-absent below keeps the first result.
            var plan = await planner.CachedForCampaignAsync(m.CampaignId, m.Spec, () => store.SubmissionAsync(m.CampaignId, ct));
            SiloRuntime.Add(ref silo.PlanTicks, started);
            var components = plan.Components.Where(c => c.Capability == m.Capability).ToList();
            var timeout = plan.MoleculeTimeout ?? silo.Options.MoleculeTimeout;
            var phase = Stopwatch.GetTimestamp();
            (var results, var newValues, computeTicks) = await engine.ScoreAsync(components, m.Molecules, timeout, ct);
            Interlocked.Add(ref silo.CacheReadTicks, Stopwatch.GetTimestamp() - phase - computeTicks);
            phase = Stopwatch.GetTimestamp();
            stored = await store.CompleteBatchAsync(new BatchResultRow
            {
                CampaignId = m.CampaignId, Round = m.Round, BatchId = m.BatchId, Capability = m.Capability, SiloId = silo.Options.Id,
                ResultsJson = JsonSerializer.Serialize(results, Json), CompletedAt = GridStore.Now,
            }, newValues.Select(w => (w.Component, w.Version, StoreScoreCache.Rows(w.Values))).ToList(), ct);
            SiloRuntime.Add(ref silo.StoreTicks, phase);
            phase = Stopwatch.GetTimestamp();
            await context.Publish(new BatchCompleted(m.CampaignId, m.Round, m.BatchId, silo.Options.Id, false), ct);
            SiloRuntime.Add(ref silo.PublishTicks, phase);
        }
        finally
        {
            var elapsed = Stopwatch.GetTimestamp() - started;
            Interlocked.Add(ref silo.OverheadTicks, elapsed - computeTicks);
            silo.End(m.Molecules.Count, stored);
            silo.Slots.Release();
        }
    }
}
