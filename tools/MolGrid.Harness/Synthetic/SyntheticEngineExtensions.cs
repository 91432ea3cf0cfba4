using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MolGrid.Grains.Planning;
using Orleans.Hosting;

namespace MolGrid.Harness.Synthetic;

/// <summary>
/// Turns the synthetic engine on, in code, for one host: the product never registers it, so a spec with
/// <c>engine: synthetic</c> submitted to a product host is an unknown key like any other. Only the harness,
/// its silos (<c>molgrid-harness silo</c>) and tests call this. The campaign planner tries extra factories
/// before the design engine, so this one claims its specs wherever it is registered.
/// </summary>
public static class SyntheticEngineExtensions
{
    public static IServiceCollection UseMolGridSyntheticEngine(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICampaignPlanFactory, SyntheticPlanFactory>());
        return services;
    }

    /// <summary>Every silo that may build a campaign's plan (campaign grains and work grains) needs it.</summary>
    public static ISiloBuilder UseMolGridSyntheticEngine(this ISiloBuilder silo)
    {
        silo.Services.UseMolGridSyntheticEngine();
        return silo;
    }
}
