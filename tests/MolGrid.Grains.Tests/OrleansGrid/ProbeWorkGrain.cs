using MolGrid.Grains.Placement;
using Orleans.Runtime;

namespace MolGrid.Grains.Tests;

/// <summary>A work grain that only says where it was placed: the placement tests' probe.</summary>
[Alias("molgrid.tests.probe-work")]
public interface IProbeWorkGrain : IGrainWithStringKey
{
    [Alias("where")] Task<string> WhereAsync();
}

[CapabilityPlacement]
public sealed class ProbeWorkGrain(ILocalSiloDetails local) : Grain, IProbeWorkGrain
{
    public Task<string> WhereAsync() => Task.FromResult(local.SiloAddress.ToParsableString());
}
