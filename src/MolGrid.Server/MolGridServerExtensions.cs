using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MolGrid.Server.Campaigns;
using MolGrid.Server.Candidates;
using MolGrid.Server.Dashboard;
using MolGrid.Server.Errors;
using MolGrid.Server.Metrics;
using MolGrid.Server.Models;
using MolGrid.Server.Molecules;
using MolGrid.Server.Health;
using MolGrid.Server.Security;
using MolGrid.Server.Silos;

namespace MolGrid.Server;

/// <summary>
/// Wiring of the HTTP API and dashboard. The host supplies the grid (ICampaignService, ISiloRegistry), e.g.
/// with the grid's AddMolGridEmbedded; these add everything on top:
/// <code>builder.AddMolGridServer(); ... var app = builder.Build(); app.MapMolGridServer();</code>
/// </summary>
public static class MolGridServerExtensions
{
    public static IHostApplicationBuilder AddMolGridServer(this IHostApplicationBuilder builder, Action<MolGridServerOptions>? configure = null)
    {
        var services = builder.Services;
        var server = services.AddOptions<MolGridServerOptions>().Bind(builder.Configuration.GetSection(MolGridServerOptions.Section));
        if (configure is not null) server.Configure(configure);
        services.AddOptions<ApiKeyOptions>().Bind(builder.Configuration.GetSection(ApiKeyOptions.Section));

        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<MoleculeDepictions>();
        services.AddSingleton<ModelLibrary>();
        services.AddTransient<ProgressEventStream>();

        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(MolGridRoles.ReadPolicy, p => p.RequireAuthenticatedUser().RequireRole(MolGridRoles.All))
            .AddPolicy(MolGridRoles.SubmitPolicy, p => p.RequireAuthenticatedUser().RequireRole(MolGridRoles.Chemist, MolGridRoles.Admin))
            .AddPolicy(MolGridRoles.AdminPolicy, p => p.RequireAuthenticatedUser().RequireRole(MolGridRoles.Admin));

        services.AddProblemDetails();
        services.AddExceptionHandler<InvalidInputExceptionHandler>();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddOpenApi(o => o.AddDocumentTransformer<ApiKeySecurityTransformer>());
        return builder;
    }

    public static WebApplication MapMolGridServer(this WebApplication app)
    {
        // Load (or create) the keys now, so a bad keys file stops startup and the path is logged at once.
        app.Services.GetRequiredService<ApiKeyStore>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.Use(async (context, next) =>
        {
            context.Response.Headers.XContentTypeOptions = "nosniff";
            await next(context);
        });
        app.UseMolGridDashboard();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapOpenApi().AllowAnonymous();
        app.MapAccountApi();
        app.MapCampaignsApi();
        app.MapCandidatesApi();
        app.MapMoleculesApi();
        app.MapModelsApi();
        app.MapSilosApi();
        app.MapMetricsApi();
        app.MapHealthApi();
        if (app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<MolGridServerOptions>>().Value.OrleansDashboard) app.MapOrleansDashboardForAdmins();
        return app;
    }
}
