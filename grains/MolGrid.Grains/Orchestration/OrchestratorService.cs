using MolGrid.Grains.Configuration;
using MolGrid.Grains.Store;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MolGrid.Grains.Orchestration;

/// <summary>
/// Claims unfinished campaigns whose lease is free or expired (new ones, or those of an orchestrator that
/// died) and runs each in a <see cref="CampaignRunner"/>. Wakes on CampaignSubmitted events and polls the
/// store as a fallback. On shutdown it lets go of its leases so another orchestrator can continue at once.
/// </summary>
internal sealed class OrchestratorService(GridStore store, CampaignRunner runner, BatchSignals signals, OrchestratorOptions options,
    ILogger<OrchestratorService> log) : BackgroundService
{
    private readonly Dictionary<string, Task> _running = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        log.LogInformation("orchestrator {Id} started", options.Id);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                foreach (var finished in _running.Where(kv => kv.Value.IsCompleted).Select(kv => kv.Key).ToList()) _running.Remove(finished);
                if (_running.Count < options.MaxConcurrentCampaigns)
                {
                    foreach (var id in await store.ClaimableCampaignsAsync(options.Id, stoppingToken))
                    {
                        if (_running.Count >= options.MaxConcurrentCampaigns) break;
                        if (_running.ContainsKey(id) || !await store.TryLeaseAsync(id, options.Id, options.Lease, stoppingToken)) continue;
                        log.LogInformation("orchestrator {Me} runs campaign {Id}", options.Id, id);
                        _running[id] = Task.Run(() => runner.RunAsync(id, stoppingToken), CancellationToken.None);
                    }
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogWarning("orchestrator {Id}: claiming failed: {Message}", options.Id, e.Message);
            }
            try { await signals.WaitForClaimsAsync(options.PollInterval, stoppingToken); } catch (OperationCanceledException) { }
        }
        var leases = _running.Keys.ToList();
        await Task.WhenAll(_running.Values);
        foreach (var id in leases)
        {
            try { await store.ReleaseLeaseAsync(id, options.Id, CancellationToken.None); }
            catch (Exception e) { log.LogDebug("releasing {Id} failed: {Message}", id, e.Message); }
        }
    }
}
