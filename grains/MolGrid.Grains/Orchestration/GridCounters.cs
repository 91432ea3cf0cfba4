using System.Diagnostics;

namespace MolGrid.Grains.Orchestration;

/// <summary>Process-wide counters the benchmark reads: orchestrator busy time (everything except waiting
/// for silos) and batches dispatched.</summary>
public sealed class GridCounters
{
    internal long OrchestratorTicks;
    internal long BatchesDispatched;
    internal long BatchesAwaited;

    public TimeSpan OrchestratorTime => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref OrchestratorTicks));

    public long Dispatched => Interlocked.Read(ref BatchesDispatched);

    /// <summary>Batches whose results the orchestrator has gathered (whether or not it had to send them).</summary>
    public long Awaited => Interlocked.Read(ref BatchesAwaited);
}
