namespace MolGrid.Grains.Placement;

/// <summary>
/// Bounds how many of a silo's work grains talk to the grid store at once (score-cache reads, batch commits). Those
/// happen outside the work slots, so without a bound every batch queued on a silo read the cache at once: at 8
/// silos a round's 128 batches opened PostgreSQL connections together and met "too many clients already".
/// </summary>
public sealed class StoreGate(int lanes)
{
    private readonly SemaphoreSlim _gate = new(Math.Max(1, lanes), Math.Max(1, lanes));

    public async Task<IDisposable> EnterAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        return new Lane(_gate);
    }

    private sealed class Lane(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) gate.Release();
        }
    }
}
