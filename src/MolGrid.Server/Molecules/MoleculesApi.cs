using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using MolGrid.Server.Security;

namespace MolGrid.Server.Molecules;

/// <summary>Structure pictures: /molecules/{key}.svg, for keys this server has listed in a candidate answer.</summary>
public static class MoleculesApi
{
    public static IEndpointConventionBuilder MapMoleculesApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/molecules/{key}.svg", GetSvg)
            .WithTags("Molecules")
            .AllowAnonymous()
            .Produces(StatusCodes.Status200OK, contentType: "image/svg+xml")
            .WithSummary("A candidate's 2D depiction. Needs the signed URL from a candidate answer, or an API key.");

    public static async Task<IResult> GetSvg(string key, string? sig, HttpContext context, MoleculeDepictions depictions)
    {
        if (!depictions.HasValidSignature(key, sig))
        {
            var auth = await context.AuthenticateAsync(ApiKeyAuthenticationHandler.SchemeName);
            if (!auth.Succeeded) return Results.Challenge(authenticationSchemes: [ApiKeyAuthenticationHandler.SchemeName]);
        }
        var svg = depictions.Svg(key);
        if (svg is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown molecule",
                detail: "This server has not listed that molecule key; ask for the campaign's candidates first.");
        var etag = $"\"{key}\"";
        context.Response.Headers.CacheControl = "private, max-age=86400, immutable";
        context.Response.Headers.ETag = etag;
        // Opened directly, an SVG is a document: allow it nothing but its own inline styles.
        context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'";
        if (context.Request.Headers.IfNoneMatch.ToString() == etag) return Results.StatusCode(StatusCodes.Status304NotModified);
        return Results.Text(svg, "image/svg+xml");
    }
}
