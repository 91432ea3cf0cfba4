using MolGrid.Grains.Contracts;
using Orleans;
using Orleans.Runtime;

namespace MolGrid.Grains.Services;

/// <summary>
/// <see cref="ISiloRegistry"/> on Orleans: which silos exist and whether they are alive is Orleans' membership
/// (the management grain's view of the membership table); roles, slots, load and work done are the silos' latest
/// reports on the load board; drain and resume are the board's drain set, which placement reads. A silo is named
/// by its Orleans address (<c>SiloAddress.ToParsableString()</c>). Works in a silo and in a cluster client.
/// </summary>
internal sealed class OrleansSiloRegistry(IGrainFactory grains) : ISiloRegistry
{
    /// <summary>Silos Orleans declared dead stay listed as Lost this long after their last sign of life.</summary>
    internal static readonly TimeSpan LostShownFor = TimeSpan.FromMinutes(5);

    public async Task<IReadOnlyList<SiloInfo>> ListAsync(CancellationToken cancellationToken) =>
        (await ViewAsync(cancellationToken)).Select(v => v.Info).ToList();

    public Task<bool> DrainAsync(string siloId, CancellationToken cancellationToken) => SetDrainingAsync(siloId, true, cancellationToken);

    public Task<bool> ResumeAsync(string siloId, CancellationToken cancellationToken) => SetDrainingAsync(siloId, false, cancellationToken);

    public async Task<GridMetrics> GetMetricsAsync(CancellationToken cancellationToken)
    {
        var view = await ViewAsync(cancellationToken);
        var live = view.Where(v => v.Info.State != SiloState.Lost).ToList();
        // Orleans pushes work to grains instead of queueing it in a broker: what waits is work grains holding
        // no slot yet (busy beyond slots) on each silo.
        var waiting = live.Sum(v => (long)Math.Max(0, v.Info.Busy - v.Info.Slots));
        var rate = view.Where(v => v.Report is { } r && r.At > r.StartedAt && r.StartedAt != default)
            .Sum(v => v.Report!.BatchesDone / (v.Report.At - v.Report.StartedAt).TotalSeconds);
        return new GridMetrics(new SortedDictionary<string, long>(StringComparer.Ordinal) { ["work-waiting"] = waiting },
            view.Sum(v => v.Report?.BatchesDone ?? 0), view.Sum(v => v.Report?.MoleculesDone ?? 0), rate, view.Select(v => v.Info).ToList());
    }

    private async Task<bool> SetDrainingAsync(string siloId, bool draining, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(siloId)) return false;
        var view = await ViewAsync(ct);
        if (!view.Any(v => v.Info.Id == siloId && v.Info.State != SiloState.Lost)) return false;
        await grains.GetGrain<ISiloBoardGrain>(0).SetDrainingAsync(siloId, draining).WaitAsync(ct);
        return true;
    }

    private sealed record SiloView(SiloInfo Info, SiloLoadReport? Report);

    private async Task<IReadOnlyList<SiloView>> ViewAsync(CancellationToken ct)
    {
        var hosts = await grains.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: false).WaitAsync(ct);
        var board = await grains.GetGrain<ISiloBoardGrain>(0).SnapshotAsync().WaitAsync(ct);
        var now = DateTimeOffset.UtcNow;
        var result = new List<SiloView>();
        foreach (var h in hosts.OrderBy(h => h.SiloAddress.ToParsableString(), StringComparer.Ordinal))
        {
            var id = h.SiloAddress.ToParsableString();
            var lastAlive = new DateTimeOffset(DateTime.SpecifyKind(h.IAmAliveTime, DateTimeKind.Utc));
            if (h.Status == SiloStatus.Dead && now - lastAlive > LostShownFor) continue;
            board.Loads.TryGetValue(id, out var report);
            var busy = report?.Busy ?? 0;
            var state = h.Status switch
            {
                SiloStatus.Dead => SiloState.Lost,
                _ when board.Draining.Contains(id) => busy > 0 ? SiloState.Draining : SiloState.Drained,
                _ => SiloState.Active,
            };
            var started = report?.StartedAt is { } s && s != default ? s : new DateTimeOffset(DateTime.SpecifyKind(h.StartTime, DateTimeKind.Utc));
            result.Add(new SiloView(new SiloInfo(id, report?.Host ?? h.HostName ?? "", report?.Roles ?? [], report?.Slots ?? 0, busy, state,
                report?.BatchesDone ?? 0, started, report?.At ?? lastAlive), report));
        }
        return result;
    }
}
