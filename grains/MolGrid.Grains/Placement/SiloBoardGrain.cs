using MolGrid.Grains.Contracts;
using Orleans;
using Orleans.Runtime;

namespace MolGrid.Grains.Placement;

/// <summary>The cluster's load board (see <see cref="ISiloBoardGrain"/>). Reports older than
/// <see cref="StaleAfter"/> are dropped from snapshots: a silo that stopped reporting has left or is stuck.</summary>
internal sealed class SiloBoardGrain([PersistentState("board", OrleansNames.Storage)] IPersistentState<SiloBoardState> state)
    : Grain, ISiloBoardGrain
{
    internal static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(30);

    private readonly Dictionary<string, SiloLoadReport> _loads = new();

    public Task<SiloBoardSnapshot> ReportAsync(SiloLoadReport report)
    {
        _loads[report.Silo] = report;
        return SnapshotAsync();
    }

    public Task<SiloBoardSnapshot> SnapshotAsync()
    {
        var cutoff = DateTimeOffset.UtcNow - StaleAfter;
        foreach (var stale in _loads.Where(kv => kv.Value.At < cutoff).Select(kv => kv.Key).ToList()) _loads.Remove(stale);
        return Task.FromResult(new SiloBoardSnapshot(new Dictionary<string, SiloLoadReport>(_loads), new HashSet<string>(state.State.Draining)));
    }

    public async Task SetDrainingAsync(string silo, bool draining)
    {
        if (string.IsNullOrWhiteSpace(silo)) throw new ArgumentException("a silo address is required", nameof(silo));
        var changed = draining ? state.State.Draining.Add(silo) : state.State.Draining.Remove(silo);
        if (changed) await state.WriteStateAsync();
    }
}
