using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace MolGrid.Server.Security;

/// <summary>/api/me: who the presented key belongs to, so clients can show what the role allows.</summary>
public static class AccountApi
{
    public sealed record Me(string Name, string Role);

    public static IEndpointConventionBuilder MapAccountApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/me", GetMe).WithTags("Account").RequireAuthorization(MolGridRoles.ReadPolicy)
            .WithSummary("The name and role of the presented API key.");

    public static Ok<Me> GetMe(ClaimsPrincipal user) =>
        TypedResults.Ok(new Me(user.Identity!.Name!, user.FindFirstValue(ClaimTypes.Role)!));
}
