using Microsoft.Extensions.Logging;
using MolGrid.Grains.Contracts;
using Orleans.Runtime;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.Runtime.Placement;

namespace MolGrid.Grains.Placement;

/// <summary>
/// Chooses the silo for a new work activation: among the compatible live silos (Orleans' list), those whose
/// <c>molgrid.roles</c> metadata has the key's capability and that are not draining; of those, the lowest
/// load/slots ratio (<see cref="SiloLoadView.Load"/>), ties broken at random so equal silos share work. With no candidate it throws
/// <see cref="NoCapableSiloException"/>, which Orleans returns to the caller.
/// </summary>
internal sealed class CapabilityPlacementDirector(ISiloMetadataCache metadata, SiloLoadView view, ILogger<CapabilityPlacementDirector> log)
    : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var capability = WorkKey.CapabilityOf(target.GrainIdentity.Key.ToString() ?? "");
        var compatible = context.GetCompatibleSilos(target);
        SiloAddress? best = null;
        var bestRatio = double.MaxValue;
        var ties = 0;
        foreach (var silo in compatible)
        {
            var meta = metadata.GetSiloMetadata(silo).Metadata;
            var name = silo.ToParsableString();
            if (!SiloRolesMetadata.RolesOf(meta).Contains(capability) || view.IsDraining(name)) continue;
            var ratio = (double)view.Load(name) / SiloRolesMetadata.SlotsOf(meta);
            if (ratio < bestRatio)
            {
                (best, bestRatio, ties) = (silo, ratio, 1);
            }
            else if (ratio == bestRatio && Random.Shared.Next(++ties) == 0)
            {
                best = silo; // reservoir choice: each tied silo equally likely
            }
        }
        if (best is null)
        {
            var seen = string.Join("; ", compatible.Select(s =>
            {
                var roles = SiloRolesMetadata.RolesOf(metadata.GetSiloMetadata(s).Metadata);
                var drain = view.IsDraining(s.ToParsableString()) ? " draining" : "";
                return $"{s} [{(roles.Count == 0 ? "no roles" : string.Join(',', roles))}]{drain}";
            }));
            log.LogWarning("No silo for {Capability} work {Grain}: {Silos}", capability, target.GrainIdentity, seen);
            throw new NoCapableSiloException(capability, seen.Length == 0 ? "none" : seen);
        }
        view.NotePlaced(best.ToParsableString(), target.GrainIdentity.Key.ToString() ?? "");
        return Task.FromResult(best);
    }
}
