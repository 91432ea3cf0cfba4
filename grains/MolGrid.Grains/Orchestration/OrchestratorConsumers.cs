using System.Text.Json;
using MassTransit;
using MolGrid.Grains.Messages;
using MolGrid.Grains.Planning;
using MolGrid.Grains.Silo;
using MolGrid.Grains.Store;
using Microsoft.Extensions.Logging;

namespace MolGrid.Grains.Orchestration;

internal sealed class BatchCompletedConsumer(BatchSignals signals) : IConsumer<BatchCompleted>
{
    public Task Consume(ConsumeContext<BatchCompleted> context)
    {
        signals.BatchDone(context.Message.CampaignId, context.Message.Round, context.Message.BatchId);
        return Task.CompletedTask;
    }
}

internal sealed class CampaignSubmittedConsumer(BatchSignals signals) : IConsumer<CampaignSubmitted>
{
    public Task Consume(ConsumeContext<CampaignSubmitted> context)
    {
        signals.WakeClaims();
        return Task.CompletedTask;
    }
}

/// <summary>
/// Records poison batches: when a silo's bounded retries are spent, MassTransit moves the batch to its
/// _error queue and publishes Fault&lt;ScoreBatch&gt;; this stores the batch as done with every molecule failed
/// and the reason, so the campaign goes on instead of waiting forever.
/// </summary>
internal sealed class BatchFaultConsumer(GridStore store, CampaignPlanner planner, BatchSignals signals, ILogger<BatchFaultConsumer> log) : IConsumer<Fault<ScoreBatch>>
{
    public async Task Consume(ConsumeContext<Fault<ScoreBatch>> context)
    {
        var batch = context.Message.Message;
        var reason = context.Message.Exceptions.FirstOrDefault() is { } e ? $"batch failed on the silo: {e.ExceptionType.Split('.').Last()}: {e.Message}" : "batch failed on the silo";
        IReadOnlyList<string> names;
        try
        {
            var plan = await planner.CachedForCampaignAsync(batch.CampaignId, batch.Spec, () => store.SubmissionAsync(batch.CampaignId, context.CancellationToken));
            names = plan.Components.Where(c => c.Capability == batch.Capability).Select(c => c.Name).ToList();
        }
        catch (Exception) { names = [batch.Capability]; }
        var errors = names.ToDictionary(n => n, _ => reason);
        var items = batch.Molecules.Select(m => new BatchResultItem(m.Key, names.ToDictionary(n => n, _ => (double?)null), errors)).ToList();
        var inserted = await store.InsertBatchResultAsync(new BatchResultRow
        {
            CampaignId = batch.CampaignId, Round = batch.Round, BatchId = batch.BatchId, Capability = batch.Capability,
            SiloId = context.Message.Host?.MachineName ?? "?", ResultsJson = JsonSerializer.Serialize(items, ScoreBatchConsumer.Json),
            Error = reason, CompletedAt = GridStore.Now,
        }, context.CancellationToken);
        if (inserted) log.LogWarning("batch {Batch} of campaign {Campaign} recorded as failed: {Reason}", batch.BatchId, batch.CampaignId, reason);
        signals.BatchDone(batch.CampaignId, batch.Round, batch.BatchId);
        await context.Publish(new BatchCompleted(batch.CampaignId, batch.Round, batch.BatchId, "error-queue", true));
    }
}
