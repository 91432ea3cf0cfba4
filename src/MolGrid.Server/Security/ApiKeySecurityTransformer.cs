using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace MolGrid.Server.Security;

/// <summary>Declares the API-key header in the OpenAPI document so clients and tools know how to authenticate.</summary>
internal sealed class ApiKeySecurityTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "MolGrid API";
        document.Info.Description = "Campaigns, candidate rankings, silos and metrics. Send your key as X-Api-Key or Authorization: Bearer. Roles: chemist, researcher, admin.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[ApiKeyAuthenticationHandler.SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKeyAuthenticationHandler.HeaderName,
            Description = "An API key from the server's keys file.",
        };
        return Task.CompletedTask;
    }
}
