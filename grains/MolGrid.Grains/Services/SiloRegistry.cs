using MolGrid.Grains.Configuration;
using MolGrid.Grains.Messages;
using MolGrid.Grains.Orchestration;
using MolGrid.Grains.Store;
using MolGrid.Pipelines.Scoring;
using RabbitMQ.Client;

namespace MolGrid.Grains.Services;

/// <summary><see cref="ISiloRegistry"/> over the silo table. Drain and resume are requests written to the table;
/// each silo picks them up on its next heartbeat.</summary>
internal sealed class SiloRegistry(GridStore store, GridOptions options, GridCounters counters) : ISiloRegistry
{
    public async Task<IReadOnlyList<SiloInfo>> ListAsync(CancellationToken cancellationToken)
    {
        var now = GridStore.Now;
        return (await store.ListSilosAsync(cancellationToken)).Select(r => new SiloInfo(
            r.Id, r.Host, r.Roles.Split(',', StringSplitOptions.RemoveEmptyEntries), r.Slots, r.Busy,
            now - r.LastHeartbeat > (long)options.SiloLostAfter.TotalMilliseconds ? SiloState.Lost : Enum.Parse<SiloState>(r.State),
            r.BatchesDone, DateTimeOffset.FromUnixTimeMilliseconds(r.StartedAt), DateTimeOffset.FromUnixTimeMilliseconds(r.LastHeartbeat))).ToList();
    }

    public Task<bool> DrainAsync(string siloId, CancellationToken cancellationToken) => store.SetDesiredStateAsync(siloId, SiloState.Drained, cancellationToken);

    public Task<bool> ResumeAsync(string siloId, CancellationToken cancellationToken) => store.SetDesiredStateAsync(siloId, SiloState.Active, cancellationToken);

    public async Task<GridMetrics> GetMetricsAsync(CancellationToken cancellationToken)
    {
        var rows = await store.ListSilosAsync(cancellationToken);
        var silos = await ListAsync(cancellationToken);
        var rate = rows.Where(r => r.LastHeartbeat > r.StartedAt).Sum(r => r.BatchesDone * 1000.0 / (r.LastHeartbeat - r.StartedAt));
        return new GridMetrics(await QueueDepthsAsync(cancellationToken), rows.Sum(r => r.BatchesDone), rows.Sum(r => r.MoleculesDone), rate, silos);
    }

    private async Task<IReadOnlyDictionary<string, long>> QueueDepthsAsync(CancellationToken ct)
    {
        var depths = new SortedDictionary<string, long>(StringComparer.Ordinal);
        if (options.Bus.InMemory)
        {
            // One process: the open rounds' batches not completed yet, by the queue they were sent to.
            var waiting = counters.WaitingByCapability;
            foreach (var cap in Capabilities.All) depths[WorkQueues.For(cap)] = waiting.TryGetValue(cap, out var n) ? Math.Max(0, n) : 0;
            return depths;
        }
        var b = options.Bus;
        var factory = new ConnectionFactory { HostName = b.Host, Port = b.Port, VirtualHost = b.VirtualHost, UserName = b.User, Password = b.Password };
        await using var conn = await factory.CreateConnectionAsync(ct);
        foreach (var cap in Capabilities.All.Append("error"))
        {
            var queue = cap == "error" ? null : WorkQueues.For(cap);
            foreach (var name in queue is null ? Capabilities.All.Select(c => WorkQueues.For(c) + "_error") : [queue])
            {
                await using var channel = await conn.CreateChannelAsync(cancellationToken: ct);
                try { depths[name] = (await channel.QueueDeclarePassiveAsync(name, ct)).MessageCount; }
                catch (RabbitMQ.Client.Exceptions.OperationInterruptedException) { depths[name] = 0; }
            }
        }
        return depths;
    }
}
