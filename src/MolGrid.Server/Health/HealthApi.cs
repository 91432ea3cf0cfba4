using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using MolGrid.Grains;

namespace MolGrid.Server.Health;

/// <summary>
/// The probes, anonymous and outside the API's OpenAPI document: <c>/healthz</c> (liveness: the process serves
/// requests) and <c>/readyz</c> (readiness: the grid answers within <see cref="ReadyTimeout"/> and has at least one
/// active silo, so a submitted campaign will run). Readiness is 503 otherwise, with the reason.
/// </summary>
public static class HealthApi
{
    public static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(3);

    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => Results.Text("ok\n")).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/readyz", ReadyAsync).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> ReadyAsync(ISiloRegistry silos, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(ReadyTimeout);
        try
        {
            var active = (await silos.ListAsync(timeout.Token)).Count(s => s.State == SiloState.Active);
            return active > 0
                ? Results.Text($"ready: {active} active silo(s)\n")
                : Results.Text("not ready: no active silo\n", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            return Results.Text($"not ready: the grid does not answer ({e.GetType().Name})\n", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
