using MolGrid.Harness.Synthetic;
using MolGrid.Silo;
using Orleans.Hosting;

namespace MolGrid.Harness;

/// <summary>
/// `molgrid-harness silo`: the product's silo composition (<see cref="OrleansSiloHost"/>, exactly what
/// `molgrid silo --cluster` runs) plus the synthetic engine and fast failure detection, for the fault suite's
/// child processes and tests that need a real process to kill.
/// </summary>
public static class HarnessSilo
{
    public static Task<int> RunAsync(OrleansSiloSettings s, CancellationToken ct) =>
        OrleansSiloHost.RunAsync(s, ct, silo => silo.UseMolGridSyntheticEngine().UseFastFailureDetection());
}
