using System.Collections.Concurrent;
using System.Threading.Channels;

namespace MolGrid.Grains.Orchestration;

/// <summary>In-process wake-ups for the orchestrator: batch completions per campaign and new submissions.
/// Only hints; the store is always re-read before anything is decided.</summary>
internal sealed class BatchSignals
{
    private readonly ConcurrentDictionary<string, Channel<(int Round, string BatchId)>> _campaigns = new();
    private readonly SemaphoreSlim _wake = new(0, int.MaxValue);

    public ChannelReader<(int Round, string BatchId)> Listen(string campaignId) =>
        _campaigns.GetOrAdd(campaignId, _ => Channel.CreateUnbounded<(int, string)>()).Reader;

    public void Forget(string campaignId) => _campaigns.TryRemove(campaignId, out _);

    public void BatchDone(string campaignId, int round, string batchId)
    {
        if (_campaigns.TryGetValue(campaignId, out var ch)) ch.Writer.TryWrite((round, batchId));
    }

    public void WakeClaims() => _wake.Release();

    public async Task WaitForClaimsAsync(TimeSpan timeout, CancellationToken ct)
    {
        await _wake.WaitAsync(timeout, ct);
        while (_wake.CurrentCount > 0) _wake.Wait(0);
    }
}
