namespace MolGrid.Grains.Messages;

/// <summary>Published when a batch's results are in the store (the event only wakes the orchestrator; the
/// store is the source of truth, so a lost event costs latency, never results).</summary>
public sealed record BatchCompleted(string CampaignId, int Round, string BatchId, string SiloId, bool Failed);
