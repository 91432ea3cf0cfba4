using Microsoft.Extensions.Logging;
using MolGrid.Grains.Contracts;
using Orleans;
using Orleans.Runtime;

namespace MolGrid.Grains.Placement;

/// <summary>
/// Once the silo is active: every interval, reports this silo's busy slots to the board and takes the board's
/// snapshot back into the local <see cref="SiloLoadView"/>. A failed round is logged and retried next interval;
/// placement keeps using the last good view meanwhile.
/// </summary>
internal sealed class SiloLoadReporter(
    IGrainFactory grains, ILocalSiloDetails local, WorkSlots slots, SiloWorkStats stats, SiloLoadView view, MolGridOrleansOptions options,
    ILogger<SiloLoadReporter> log) : ILifecycleParticipant<ISiloLifecycle>
{
    private CancellationTokenSource? _stop;
    private Task? _loop;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe<SiloLoadReporter>(ServiceLifecycleStage.Active, Start, Stop);

    /// <summary>One report and refresh now; the loop calls this, and tests call it to avoid waiting.</summary>
    public async Task ReportOnceAsync()
    {
        var board = grains.GetGrain<ISiloBoardGrain>(0);
        var snapshot = await board.ReportAsync(new SiloLoadReport(local.SiloAddress.ToParsableString(), slots.Busy, slots.Slots, DateTimeOffset.UtcNow,
            stats.Roles, stats.BatchesDone, stats.MoleculesDone, local.DnsHostName, stats.StartedAt));
        view.Update(snapshot);
    }

    private Task Start(CancellationToken ct)
    {
        _stop = new CancellationTokenSource();
        _loop = Task.Run(() => LoopAsync(_stop.Token));
        return Task.CompletedTask;
    }

    private async Task LoopAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(options.LoadReportInterval);
        do
        {
            try { await ReportOnceAsync(); }
            catch (Exception e) when (!ct.IsCancellationRequested) { log.LogWarning(e, "Load report failed; placement keeps the previous view"); }
        }
        while (await WaitAsync(timer, ct));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try { return await timer.WaitForNextTickAsync(ct); }
        catch (OperationCanceledException) { return false; }
    }

    private async Task Stop(CancellationToken ct)
    {
        _stop?.Cancel();
        if (_loop is not null) await _loop.WaitAsync(ct).ContinueWith(_ => { }, TaskScheduler.Default);
    }
}
