using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace MolGrid.Server.Dashboard;

/// <summary>
/// The web dashboard: plain HTML, CSS and ES modules embedded in this assembly (no build step, nothing to
/// install), served at "/". Pages call the same API with the key kept in the browser's localStorage.
/// </summary>
public static class DashboardExtensions
{
    internal const string ResourcePrefix = "MolGrid.Server.Dashboard.wwwroot";

    public static IApplicationBuilder UseMolGridDashboard(this IApplicationBuilder app)
    {
        if (!app.ApplicationServices.GetRequiredService<IOptions<MolGridServerOptions>>().Value.Dashboard) return app;
        var files = new EmbeddedFileProvider(typeof(DashboardExtensions).Assembly, ResourcePrefix);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = ctx =>
            {
                var headers = ctx.Context.Response.Headers;
                headers.CacheControl = "no-cache";
                headers.ContentSecurityPolicy =
                    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'";
            },
        });
        return app;
    }
}
