using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using MolGrid.Grains;
using MolGrid.Grains.Planning;
using static MolGrid.Server.Tests.ServerHost;

namespace MolGrid.Server.Tests;

/// <summary>
/// Orleans' own dashboard, served beside MolGrid's over the real embedded silo: admins only (a header key, or the
/// session cookie an admin's key buys, which only the dashboard's path accepts), and it shows the real silo.
/// </summary>
public sealed class OrleansDashboardTests
{
    private static Task<ServerHost> StartAsync() =>
        ServerHost.StartAsync((services, dataDir) =>
        {
            services.AddSingleton(new DesignPlanOptions { SpecDirectory = Path.Combine(RepoRoot, "samples", "design") });
            services.AddMolGridEmbedded(dataDir, silo => silo.Slots = 1, dashboard: true);
        }, configuration: new Dictionary<string, string?> { ["MolGrid:Server:OrleansDashboard"] = "true" });

    [Fact]
    public async Task Only_admins_see_Orleans_dashboard_and_it_lists_the_live_silo()
    {
        await using var host = await StartAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Client().GetAsync("/orleans/")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await host.Client(RitaKey).GetAsync("/orleans/DashboardCounters")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await host.Client(AliceKey).PostAsync("/api/silos/orleans-dashboard-session", null)).StatusCode);

        var page = await host.Client(AdaKey).GetAsync("/orleans/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Orleans Dashboard", await page.Content.ReadAsStringAsync());
        var silo = host.Service<Orleans.Runtime.ILocalSiloDetails>().SiloAddress.ToParsableString();
        // The dashboard samples the cluster once a second: the first sample may not be there yet.
        var listed = false;
        for (var i = 0; i < 40 && !listed; i++)
        {
            var counters = JsonDocument.Parse(await host.Client(AdaKey).GetStringAsync("/orleans/DashboardCounters")).RootElement;
            listed = counters.GetProperty("hosts").EnumerateArray().Any(h => h.GetProperty("siloAddress").GetString() == silo && h.GetProperty("status").GetString() == "Active");
            if (!listed) await Task.Delay(250);
        }
        Assert.True(listed, $"silo {silo} never listed Active by Orleans' dashboard");
    }

    [Fact]
    public async Task An_admin_session_cookie_opens_the_dashboard_and_nothing_else()
    {
        await using var host = await StartAsync();
        var session = await host.Client(AdaKey).PostAsync("/api/silos/orleans-dashboard-session", null);
        Assert.Equal(HttpStatusCode.NoContent, session.StatusCode);
        var cookie = Assert.Single(session.Headers.GetValues("Set-Cookie"));
        Assert.Contains("path=/orleans", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        var pair = cookie.Split(';')[0];

        using var browser = host.Client();
        browser.DefaultRequestHeaders.Add("Cookie", pair);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/orleans/DashboardCounters")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/silos")).StatusCode);

        using var forged = host.Client();
        forged.DefaultRequestHeaders.Add("Cookie", $"{MolGrid.Server.Silos.OrleansDashboard.CookieName}={RitaKey}");
        Assert.Equal(HttpStatusCode.Forbidden, (await forged.GetAsync("/orleans/DashboardCounters")).StatusCode);
    }
}
