using Orleans.Configuration;
using Orleans.Hosting;

namespace MolGrid.Harness;

/// <summary>
/// Failure detection for the harness's silos. Orleans' defaults (probe timeout 5 s, 3 missed probes, the
/// membership table re-read every 60 s, probe timeouts stretched while a silo reports itself degraded) take
/// tens of seconds to a minute to declare a killed silo dead, longer on two loaded cores; a fault scenario
/// would spend most of its time waiting. These settings declare a silo dead after about 2-4 s of silence.
/// The product's `molgrid silo` keeps Orleans' defaults (see docs/grid.md, "Fault harness").
/// </summary>
public static class HarnessMembership
{
    public static ISiloBuilder UseFastFailureDetection(this ISiloBuilder silo)
    {
        silo.Configure<ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = TimeSpan.FromSeconds(1);
            o.NumMissedProbesLimit = 2;
            o.NumVotesForDeathDeclaration = 1;
            o.TableRefreshTimeout = TimeSpan.FromSeconds(2);
            o.DeathVoteExpirationTimeout = TimeSpan.FromSeconds(10);
            o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);
            // Two shared cores make every silo look degraded now and then; stretching probes then would undo the above.
            o.ExtendProbeTimeoutDuringDegradation = false;
        });
        return silo;
    }
}
