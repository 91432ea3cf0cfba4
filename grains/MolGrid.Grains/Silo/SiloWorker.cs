using MassTransit;
using MassTransit.RabbitMqTransport;
using MolGrid.Grains.Messages;
using MolGrid.Grains.Store;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MolGrid.Grains.Silo;

/// <summary>
/// Runs a silo: connects one receive endpoint per role (prefetch and concurrency = slots), heartbeats into
/// the silo table and onto the bus, and obeys drain/resume requests found in the table: draining stops the
/// receive endpoints (in-flight batches finish, unstarted prefetched ones go back to the queue) and the silo
/// keeps beating as Draining, then Drained.
/// </summary>
internal sealed class SiloWorker(SiloRuntime silo, GridStore store, IReceiveEndpointConnector connector, IBus bus, ILogger<SiloWorker> log) : BackgroundService
{
    private readonly List<HostReceiveEndpointHandle> _endpoints = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = silo.Options;
        foreach (var role in o.Roles)
        {
            var handle = connector.ConnectReceiveEndpoint(WorkQueues.For(role), (ctx, cfg) =>
            {
                cfg.PrefetchCount = o.Slots;
                cfg.ConcurrentMessageLimit = o.Slots;
                if (cfg is IRabbitMqReceiveEndpointConfigurator rabbit) rabbit.PrefetchCount = (ushort)o.Slots;
                // Bounded: a batch that still throws after these goes to the _error queue (and a Fault is published).
                cfg.UseMessageRetry(r => r.Interval(o.BatchRetries, TimeSpan.FromMilliseconds(250)));
                cfg.ConfigureConsumer<ScoreBatchConsumer>(ctx);
            });
            _endpoints.Add(handle);
        }
        foreach (var h in _endpoints) await h.Ready.WaitAsync(stoppingToken);
        log.LogInformation("silo {Id} consuming {Roles} with {Slots} slots", o.Id, string.Join(",", o.Roles), o.Slots);

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var desired = await BeatAsync(stoppingToken);
                if (desired == nameof(SiloState.Drained) && silo.State == SiloState.Active) await DrainAsync(stoppingToken);
                else if (desired == nameof(SiloState.Active) && silo.State == SiloState.Drained) await ResumeAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogWarning("silo {Id} heartbeat failed: {Message}", o.Id, e.Message);
            }
            try { await Task.Delay(o.HeartbeatInterval, stoppingToken); } catch (OperationCanceledException) { }
        }
    }

    private async Task DrainAsync(CancellationToken ct)
    {
        silo.State = SiloState.Draining;
        await BeatAsync(ct);
        foreach (var h in _endpoints) await h.ReceiveEndpoint.Stop(ct);
        // Stopping the endpoint waits for consumers in flight; the slot count confirms nothing is left.
        while (silo.Busy > 0) await Task.Delay(50, ct);
        silo.State = SiloState.Drained;
        await BeatAsync(ct);
        log.LogInformation("silo {Id} drained", silo.Options.Id);
    }

    private async Task ResumeAsync(CancellationToken ct)
    {
        foreach (var h in _endpoints) await h.ReceiveEndpoint.Start(ct).Ready.WaitAsync(ct);
        silo.State = SiloState.Active;
        await BeatAsync(ct);
        log.LogInformation("silo {Id} resumed", silo.Options.Id);
    }

    private async Task<string> BeatAsync(CancellationToken ct)
    {
        var o = silo.Options;
        var now = DateTimeOffset.UtcNow;
        var desired = await store.HeartbeatAsync(new SiloRow
        {
            Id = o.Id, Host = Environment.MachineName, Roles = string.Join(",", o.Roles), Slots = o.Slots, Busy = silo.Busy,
            State = silo.State.ToString(), DesiredState = nameof(SiloState.Active), BatchesDone = silo.BatchesDone, MoleculesDone = silo.MoleculesDone,
            StartedAt = silo.StartedAt.ToUnixTimeMilliseconds(), LastHeartbeat = now.ToUnixTimeMilliseconds(),
        }, ct);
        try
        {
            using var publishTimeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            publishTimeout.CancelAfter(TimeSpan.FromSeconds(2));
            await bus.Publish(new SiloHeartbeat(o.Id, Environment.MachineName, o.Roles, o.Slots, silo.Busy, silo.State.ToString(), silo.BatchesDone, now), publishTimeout.Token);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            log.LogDebug("heartbeat event not published: {Message}", e.Message);
        }
        return desired;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            silo.State = SiloState.Drained;
            await BeatAsync(cancellationToken);
        }
        catch (Exception e)
        {
            log.LogDebug("final heartbeat failed: {Message}", e.Message);
        }
    }
}
