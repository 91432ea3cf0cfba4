using System.Diagnostics;

namespace MolGrid.Grains.Orchestration;

/// <summary>Process-wide counters the benchmark reads: orchestrator busy time (everything except waiting
/// for silos) and batches dispatched.</summary>
public sealed class GridCounters
{
    internal long OrchestratorTicks;
    internal long BatchesDispatched;
    internal long ProposeTicks, DispatchTicks, GatherTicks, AcceptTicks, SaveTicks;
    internal long BatchesAwaited;

    public TimeSpan OrchestratorTime => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref OrchestratorTicks));

    /// <summary>Orchestrator time by phase (propose, dispatch, gather, accept, save), for the benchmark's breakdown.</summary>
    public IReadOnlyDictionary<string, TimeSpan> Phases => new SortedDictionary<string, TimeSpan>
    {
        ["propose"] = Stopwatch.GetElapsedTime(0, Interlocked.Read(ref ProposeTicks)),
        ["dispatch"] = Stopwatch.GetElapsedTime(0, Interlocked.Read(ref DispatchTicks)),
        ["gather"] = Stopwatch.GetElapsedTime(0, Interlocked.Read(ref GatherTicks)),
        ["accept"] = Stopwatch.GetElapsedTime(0, Interlocked.Read(ref AcceptTicks)),
        ["save"] = Stopwatch.GetElapsedTime(0, Interlocked.Read(ref SaveTicks)),
    };

    internal void Add(ref long phase, long startedTimestamp)
    {
        var ticks = Stopwatch.GetTimestamp() - startedTimestamp;
        Interlocked.Add(ref phase, ticks);
        Interlocked.Add(ref OrchestratorTicks, ticks);
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> _waiting = new(StringComparer.Ordinal);

    /// <summary>Batches of the open rounds not yet completed, by capability, across this process's campaigns:
    /// the embedded grid's queue depths (a cluster reads them from RabbitMQ).</summary>
    public IReadOnlyDictionary<string, long> WaitingByCapability => new SortedDictionary<string, long>(_waiting, StringComparer.Ordinal);

    internal void AddWaiting(string capability, long delta) => _waiting.AddOrUpdate(capability, delta, (_, v) => v + delta);

    public long Dispatched => Interlocked.Read(ref BatchesDispatched);

    /// <summary>Batches whose results the orchestrator has gathered (whether or not it had to send them).</summary>
    public long Awaited => Interlocked.Read(ref BatchesAwaited);
}
