using MolGrid.Grains.Contracts;

namespace MolGrid.Grains.Placement;

/// <summary>
/// This silo's copy of the load board, for the placement director (placement must not make grain calls), and the
/// work this silo placed that has not come back yet. A silo's load is this silo's in-flight work on it, counted
/// exactly, plus the rest of its last report (other callers' work, work held outside placement), but only when that
/// report is newer than the last of this silo's work to come back from it: an older report still counts work that
/// has since finished. A round's batches are placed in one burst, and trusting every report, which could still
/// show the tail of the previous round, had given one silo fewer batches and another more; one batch over a silo's
/// share costs a whole extra wave (bench grid: efficiency@8 0.795 before, 0.922 after; docs/grid.md).
/// </summary>
public sealed class SiloLoadView
{
    // In-flight entries whose completion was never noted (a caller that died) are forgotten after this.
    private static readonly TimeSpan Forgotten = TimeSpan.FromMinutes(30);

    private readonly object _lock = new();
    private SiloBoardSnapshot _snapshot = SiloBoardSnapshot.Empty;
    private readonly Dictionary<string, (string Silo, DateTime At)> _inFlightByKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _inFlight = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _lastDone = new(StringComparer.Ordinal);

    public void Update(SiloBoardSnapshot snapshot)
    {
        lock (_lock)
        {
            _snapshot = snapshot;
            var old = DateTime.UtcNow - Forgotten;
            foreach (var key in _inFlightByKey.Where(kv => kv.Value.At < old).Select(kv => kv.Key).ToList()) Remove(key);
        }
    }

    public bool IsDraining(string silo)
    {
        lock (_lock) return _snapshot.Draining.Contains(silo);
    }

    /// <summary>This silo's in-flight work on <paramref name="silo"/> plus the others' share of its last report.</summary>
    public int Load(string silo)
    {
        lock (_lock)
        {
            var own = _inFlight.GetValueOrDefault(silo);
            var fresh = _snapshot.Loads.TryGetValue(silo, out var r) && r.At > _lastDone.GetValueOrDefault(silo, DateTimeOffset.MinValue);
            return own + (fresh ? Math.Max(0, r!.Busy - own) : 0);
        }
    }

    public void NotePlaced(string silo, string workKey)
    {
        lock (_lock)
        {
            if (_inFlightByKey.ContainsKey(workKey)) Remove(workKey); // re-placed after its silo failed
            _inFlightByKey[workKey] = (silo, DateTime.UtcNow);
            _inFlight[silo] = _inFlight.GetValueOrDefault(silo) + 1;
        }
    }

    /// <summary>The call to the work grain <paramref name="workKey"/> returned (or failed).</summary>
    public void NoteDone(string workKey)
    {
        lock (_lock)
        {
            if (_inFlightByKey.TryGetValue(workKey, out var e)) _lastDone[e.Silo] = DateTimeOffset.UtcNow;
            Remove(workKey);
        }
    }

    private void Remove(string workKey)
    {
        if (_inFlightByKey.Remove(workKey, out var e)) _inFlight[e.Silo] = Math.Max(0, _inFlight.GetValueOrDefault(e.Silo) - 1);
    }
}
