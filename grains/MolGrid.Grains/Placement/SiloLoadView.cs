using MolGrid.Grains.Contracts;

namespace MolGrid.Grains.Placement;

/// <summary>
/// This silo's copy of the load board, for the placement director (placement must not make grain calls). Between
/// refreshes it counts the activations it placed itself, so a burst of placements spreads instead of piling on
/// the silo that looked idlest at the last refresh.
/// </summary>
public sealed class SiloLoadView
{
    private readonly object _lock = new();
    private SiloBoardSnapshot _snapshot = SiloBoardSnapshot.Empty;
    private Dictionary<string, int> _placedSinceRefresh = new();

    public void Update(SiloBoardSnapshot snapshot)
    {
        lock (_lock)
        {
            _snapshot = snapshot;
            _placedSinceRefresh = new Dictionary<string, int>();
        }
    }

    public bool IsDraining(string silo)
    {
        lock (_lock) return _snapshot.Draining.Contains(silo);
    }

    /// <summary>Busy slots last reported plus those placed here since.</summary>
    public int Load(string silo)
    {
        lock (_lock)
        {
            var reported = _snapshot.Loads.TryGetValue(silo, out var r) ? r.Busy : 0;
            return reported + _placedSinceRefresh.GetValueOrDefault(silo);
        }
    }

    public void NotePlaced(string silo)
    {
        lock (_lock) _placedSinceRefresh[silo] = _placedSinceRefresh.GetValueOrDefault(silo) + 1;
    }
}
