using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using MolGrid.Server.Security;

namespace MolGrid.Server.Silos;

/// <summary>
/// Orleans' own dashboard (grain calls, activations, silo counters), beside MolGrid's silos page, for admins only.
/// Its page loads its data with plain browser requests that carry no API key header, so an admin's key can also
/// travel as a cookie: <c>POST /api/silos/orleans-dashboard-session</c> (with the key in the header) sets it,
/// HttpOnly and SameSite=Strict, scoped to <see cref="Path"/>, and the key handler reads it only there.
/// </summary>
public static class OrleansDashboard
{
    public const string Path = "/orleans";
    public const string CookieName = "molgrid_orleans_key";

    public static void MapOrleansDashboardForAdmins(this WebApplication app)
    {
        Orleans.Dashboard.ServiceCollectionExtensions.MapOrleansDashboard(app, Path)
            .RequireAuthorization(MolGridRoles.AdminPolicy).ExcludeFromDescription();
        app.MapPost("/api/silos/orleans-dashboard-session", StartSession).WithTags("Silos")
            .RequireAuthorization(MolGridRoles.AdminPolicy)
            .WithSummary($"Let this browser open Orleans' dashboard at {Path}/ (sets an admin cookie scoped to it).");
    }

    public static NoContent StartSession(HttpContext context)
    {
        var key = ApiKeyAuthenticationHandler.PresentedKey(context.Request)!; // the policy admitted it
        context.Response.Cookies.Append(CookieName, key, new CookieOptions
        {
            Path = Path, HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = context.Request.IsHttps, MaxAge = TimeSpan.FromHours(8),
        });
        return TypedResults.NoContent();
    }

    /// <summary>The key in the dashboard's cookie, for requests under <see cref="Path"/> only.</summary>
    internal static string? CookieKey(HttpRequest request) =>
        request.Path.StartsWithSegments(Path) && request.Cookies.TryGetValue(CookieName, out var key) && !string.IsNullOrWhiteSpace(key) ? key : null;
}
