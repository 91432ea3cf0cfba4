using MolGrid.Grains.Configuration;

namespace MolGrid.Grains.Silo;

/// <summary>This process's silo: its identity, load counters and state, shared by the consumer and the
/// heartbeat. Slots bound the batches in progress across all of its capability queues.</summary>
internal sealed class SiloRuntime(SiloOptions options)
{
    private int _busy;
    private long _batches;
    private long _molecules;

    public SiloOptions Options { get; } = options;

    public SemaphoreSlim Slots { get; } = new(options.Slots, options.Slots);

    public DateTimeOffset StartedAt { get; } = DateTimeOffset.UtcNow;

    public volatile SiloState State = SiloState.Active;

    public int Busy => Volatile.Read(ref _busy);

    public long BatchesDone => Interlocked.Read(ref _batches);

    public long MoleculesDone => Interlocked.Read(ref _molecules);

    /// <summary>Ticks spent in the consumer outside the components (store, cache, bus): silo-side overhead.</summary>
    public long OverheadTicks;

    /// <summary>Parts of <see cref="OverheadTicks"/>: finding the plan, reading the score cache, the batch's
    /// commit, and announcing it; the benchmark prints them per batch.</summary>
    public long PlanTicks, CacheReadTicks, StoreTicks, PublishTicks;

    public IReadOnlyDictionary<string, TimeSpan> Phases => new SortedDictionary<string, TimeSpan>(StringComparer.Ordinal)
    {
        ["plan"] = System.Diagnostics.Stopwatch.GetElapsedTime(0, Interlocked.Read(ref PlanTicks)),
        ["cache_read"] = System.Diagnostics.Stopwatch.GetElapsedTime(0, Interlocked.Read(ref CacheReadTicks)),
        ["store"] = System.Diagnostics.Stopwatch.GetElapsedTime(0, Interlocked.Read(ref StoreTicks)),
        ["publish"] = System.Diagnostics.Stopwatch.GetElapsedTime(0, Interlocked.Read(ref PublishTicks)),
    };

    public static void Add(ref long phase, long startedTimestamp) => Interlocked.Add(ref phase, System.Diagnostics.Stopwatch.GetTimestamp() - startedTimestamp);

    public void Begin() => Interlocked.Increment(ref _busy);

    public void End(int molecules, bool counted)
    {
        Interlocked.Decrement(ref _busy);
        if (!counted) return;
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _molecules, molecules);
    }
}
