using System.Net;
using MolGrid.Grains.Configuration;
using MolGrid.Harness.Synthetic;
using MolGrid.Silo;
using Orleans.Configuration;
using Orleans.Hosting;

namespace MolGrid.Harness;

/// <summary>Settings of `molgrid-harness silo`: the product silo's plus where it really listens when a relay of
/// the fault suite stands in front of the advertised ports (the partition scenario).</summary>
public sealed record HarnessSiloSettings(OrleansSiloSettings Silo)
{
    public int? ListenPort { get; init; }
    public int? ListenGatewayPort { get; init; }
}

/// <summary>
/// `molgrid-harness silo`: the product's silo composition (<see cref="OrleansSiloHost"/>, exactly what
/// `molgrid silo --cluster` runs) plus the synthetic engine and fast failure detection, for the fault suite's
/// child processes and tests that need a real process to kill.
/// </summary>
public static class HarnessSilo
{
    public static Task<int> RunAsync(HarnessSiloSettings s, CancellationToken ct) =>
        OrleansSiloHost.RunAsync(s.Silo, ct, silo => Extend(silo, s));

    public static void Extend(ISiloBuilder silo, HarnessSiloSettings s)
    {
        silo.UseMolGridSyntheticEngine().UseFastFailureDetection();
        if (s.ListenPort is null && s.ListenGatewayPort is null) return;
        // Advertise the relay's ports (--port, --gateway-port) and listen behind it.
        if (s.Silo.SiloPort == 0 || s.Silo.GatewayPort == 0)
            throw new GridConfigException("--listen-port", "a relayed silo needs fixed --port and --gateway-port (the relay's)");
        silo.Configure<EndpointOptions>(o =>
        {
            if (s.ListenPort is { } p) o.SiloListeningEndpoint = new IPEndPoint(IPAddress.Loopback, p);
            if (s.ListenGatewayPort is { } g) o.GatewayListeningEndpoint = new IPEndPoint(IPAddress.Loopback, g);
        });
    }
}
