using MolGrid.Grains;

namespace MolGrid.Server.Tests.TestGrid;

/// <summary>TEST DOUBLE at the ISiloRegistry seam: two silos whose state follows drain/resume.</summary>
public sealed class InMemorySiloRegistry : ISiloRegistry
{
    private readonly object _gate = new();
    private readonly List<SiloInfo> _silos;

    public InMemorySiloRegistry()
    {
        var t = DateTimeOffset.UtcNow;
        _silos =
        [
            new("silo-cpu-1", "node-a", ["cpu"], 8, 3, SiloState.Active, 120, t.AddHours(-2), t),
            new("silo-gpu-1", "node-b \"gpu\"", ["gpu", "docking"], 4, 4, SiloState.Active, 45, t.AddHours(-1), t),
        ];
    }

    public Task<IReadOnlyList<SiloInfo>> ListAsync(CancellationToken ct)
    {
        lock (_gate) return Task.FromResult<IReadOnlyList<SiloInfo>>(_silos.ToList());
    }

    public Task<bool> DrainAsync(string id, CancellationToken ct) => Set(id, SiloState.Draining);

    public Task<bool> ResumeAsync(string id, CancellationToken ct) => Set(id, SiloState.Active);

    private Task<bool> Set(string id, SiloState state)
    {
        lock (_gate)
        {
            var i = _silos.FindIndex(s => s.Id == id);
            if (i < 0) return Task.FromResult(false);
            _silos[i] = _silos[i] with { State = state };
            return Task.FromResult(true);
        }
    }

    public Task<GridMetrics> GetMetricsAsync(CancellationToken ct)
    {
        lock (_gate)
            return Task.FromResult(new GridMetrics(
                new Dictionary<string, long> { ["score-cpu"] = 5, ["score-gpu"] = 2 }, 165, 5280, 1.5, _silos.ToList()));
    }
}
