using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using MolGrid.Grains;
using MolGrid.Server.Security;

namespace MolGrid.Server.Metrics;

/// <summary>/metrics for Prometheus (scrape with "authorization: {credentials: KEY}", any role).</summary>
public static class MetricsApi
{
    public static IEndpointConventionBuilder MapMetricsApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/metrics", GetMetrics)
            .WithTags("Metrics")
            .RequireAuthorization(MolGridRoles.ReadPolicy)
            .Produces<string>(StatusCodes.Status200OK, PrometheusText.ContentType)
            .WithSummary("Queue depths, batches per second, silo load and campaigns by status, in Prometheus text format.");

    public static async Task<IResult> GetMetrics(ISiloRegistry silos, ICampaignService campaigns, CancellationToken ct)
    {
        var text = PrometheusText.Write(await silos.GetMetricsAsync(ct), await campaigns.ListAsync(null, ct));
        return Results.Text(text, PrometheusText.ContentType);
    }
}
