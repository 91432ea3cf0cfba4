namespace MolGrid.Grains.Placement;

/// <summary>
/// The silo-local bound on concurrent work: a work grain holds a slot while it computes. Placement spreads work
/// by the busy counts silos report; this gate is what actually keeps a silo from taking more than its slots
/// when placement's view is stale (it queues, it never over-subscribes).
/// </summary>
public sealed class WorkSlots
{
    private readonly SemaphoreSlim _gate;
    private int _busy;

    public WorkSlots(int slots)
    {
        if (slots < 1) throw new ArgumentOutOfRangeException(nameof(slots), slots, "a silo needs at least one work slot");
        Slots = slots;
        _gate = new SemaphoreSlim(slots, slots);
    }

    public int Slots { get; }

    /// <summary>Slots held now plus callers waiting for one: what the silo reports as its load.</summary>
    public int Busy => Volatile.Read(ref _busy);

    public async Task<IDisposable> AcquireAsync(CancellationToken ct = default)
    {
        Interlocked.Increment(ref _busy);
        try
        {
            await _gate.WaitAsync(ct);
        }
        catch
        {
            Interlocked.Decrement(ref _busy);
            throw;
        }
        return new Lease(this);
    }

    private sealed class Lease(WorkSlots owner) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) != 0) return;
            owner._gate.Release();
            Interlocked.Decrement(ref owner._busy);
        }
    }
}
