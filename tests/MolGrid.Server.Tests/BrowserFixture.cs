using Microsoft.Playwright;

namespace MolGrid.Server.Tests;

/// <summary>
/// Debian's Chromium driven by Playwright. Playwright's own browser download is not possible here (and not
/// needed): the NuGet package ships its node driver in .playwright/ next to the test assembly, and we point
/// it at /usr/bin/chromium. Plus a server over the real embedded grid.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public ServerHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await ServerHost.StartWithEmbeddedGridAsync();
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--headless"],
        });
    }

    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Host.BaseAddress.ToString().TrimEnd('/'),
            ViewportSize = new ViewportSize { Width = 1360, Height = 900 },
            AcceptDownloads = true,
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        return page;
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
        await Host.DisposeAsync();
    }

    /// <summary>Where a page's screenshot goes: artifacts/screenshots, so a test run leaves the tracked files
    /// alone; with MOLGRID_UPDATE_SCREENSHOTS=1, the docs/screenshots shown in the README.</summary>
    public static string ScreenshotPath(string name)
    {
        var update = Environment.GetEnvironmentVariable("MOLGRID_UPDATE_SCREENSHOTS") == "1";
        var target = Path.Combine(ServerHost.RepoRoot, update ? "docs" : "artifacts", "screenshots");
        Directory.CreateDirectory(target);
        return Path.Combine(target, name);
    }
}
