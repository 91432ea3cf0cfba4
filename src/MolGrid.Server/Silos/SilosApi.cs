using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using MolGrid.Grains;
using MolGrid.Server.Security;

namespace MolGrid.Server.Silos;

/// <summary>Worker nodes, for cluster admins: list, drain (finish work in hand, take no more), resume.</summary>
public static class SilosApi
{
    public static RouteGroupBuilder MapSilosApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/silos").WithTags("Silos").RequireAuthorization(MolGridRoles.AdminPolicy);
        api.MapGet("/", ListSilos).WithSummary("Every silo with its roles, slots, load and state.");
        api.MapPost("/{id}/drain", Drain).WithSummary("Let the silo finish its work in hand and take no more.");
        api.MapPost("/{id}/resume", Resume).WithSummary("Let a drained silo take work again.");
        return api;
    }

    public static async Task<Ok<IReadOnlyList<SiloInfo>>> ListSilos(ISiloRegistry silos, CancellationToken ct)
    {
        IReadOnlyList<SiloInfo> list = (await silos.ListAsync(ct)).OrderBy(s => s.Id, StringComparer.Ordinal).ToList();
        return TypedResults.Ok(list);
    }

    public static Task<Results<Ok<SiloInfo>, ProblemHttpResult>> Drain(string id, ISiloRegistry silos, CancellationToken ct) =>
        Change(id, silos, silos.DrainAsync, ct);

    public static Task<Results<Ok<SiloInfo>, ProblemHttpResult>> Resume(string id, ISiloRegistry silos, CancellationToken ct) =>
        Change(id, silos, silos.ResumeAsync, ct);

    private static async Task<Results<Ok<SiloInfo>, ProblemHttpResult>> Change(
        string id, ISiloRegistry silos, Func<string, CancellationToken, Task<bool>> action, CancellationToken ct)
    {
        if (!await action(id, ct))
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such silo", detail: $"There is no silo '{id}'.");
        var now = (await silos.ListAsync(ct)).FirstOrDefault(s => s.Id == id);
        return now is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such silo", detail: $"Silo '{id}' left the grid.")
            : TypedResults.Ok(now);
    }
}
