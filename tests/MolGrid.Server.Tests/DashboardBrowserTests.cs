using System.Text.Json;
using Microsoft.Playwright;
using MolGrid.Molecules;
using static MolGrid.Server.Tests.ServerHost;

namespace MolGrid.Server.Tests;

/// <summary>
/// The dashboard in a real browser against the real embedded grid: sign in with a key, submit a campaign
/// through the form, watch it finish live, filter and export the candidate table, and drain a silo as admin.
/// Screenshots go to artifacts/screenshots/ (docs/screenshots/ with MOLGRID_UPDATE_SCREENSHOTS=1).
/// </summary>
[Trait("Category", "Browser")]
public class DashboardBrowserTests(BrowserFixture fx) : IClassFixture<BrowserFixture>
{
    // A real design campaign (the design engine's Graph GA; QED, SA score and TPSA on silos of the embedded grid).
    private const string Spec = """
        name: oral drug-likeness demo
        seed: 7
        budget: 120
        generator:
          type: graph_ga
          population_size: 20
          offspring_size: 20
          start_file: chembl_like_10k.smi
          start_size: 40
        scoring:
          aggregation: geometric
          components:
            - {type: qed, name: qed, weight: 2}
            - {type: sa_score, name: sa, transform: {type: reverse_sigmoid, low: 2, high: 6, k: 0.5}}
            - {type: descriptor, name: tpsa, params: {descriptor: tpsa}, transform: {type: double_sigmoid, low: 40, high: 120, coef_div: 120, coef_si: 10, coef_se: 10}}

        """;

    private static async Task SignInAsync(IPage page, string key)
    {
        await page.GotoAsync("/");
        await page.FillAsync("#key-input", key);
        await page.ClickAsync("#key-form button[type=submit]");
    }

    [Fact]
    public async Task ChemistSubmitsWatchesFiltersAndExports()
    {
        var page = await fx.NewPageAsync();
        var consoleErrors = new List<string>();
        // The two refused requests below (bad spec, bad SMARTS) are logged by the browser as failed loads; anything else is a bug.
        page.Console += (_, m) => { if (m.Type == "error" && !m.Text.Contains("status of 400")) consoleErrors.Add(m.Text); };

        TestModels.WriteInto(Path.Combine(fx.Host.DataDirectory, "models"));
        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Enter your API key");
        await SignInAsync(page, AliceKey);
        await Assertions.Expect(page.Locator("#whoami")).ToHaveTextAsync("alice \u00b7 chemist");
        await Assertions.Expect(page.Locator("a[data-nav=silos]")).ToBeHiddenAsync();

        // A bad spec key is refused in the form, naming the key; nothing is created.
        await page.FillAsync("#spec", Spec + "colour: blue\n");
        await page.ClickAsync("#submit-campaign");
        await Assertions.Expect(page.Locator("#submit-error")).ToContainTextAsync("colour");
        Assert.Empty((await fx.Host.Client(AdaKey).GetFromJsonElement("/api/campaigns")).EnumerateArray());

        await page.FillAsync("#spec", Spec);
        await page.ClickAsync("#submit-campaign");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("#/campaign/."));
        var id = Uri.UnescapeDataString(page.Url[(page.Url.IndexOf("#/campaign/") + "#/campaign/".Length)..]);

        // Live progress over server-sent events until the campaign completes.
        await Assertions.Expect(page.Locator("#campaign-status")).ToHaveAttributeAsync("data-status", "Completed", new() { Timeout = 90_000 });
        var details = await fx.Host.Client(AliceKey).GetFromJsonElement($"/api/campaigns/{id}");
        var rounds = details.GetProperty("rounds").GetArrayLength();
        Assert.True(rounds >= 2, $"expected several rounds, got {rounds}");
        await Assertions.Expect(page.Locator(".stats")).ToContainTextAsync($"{details.GetProperty("campaign").GetProperty("oracleCalls").GetInt32()} / 120");
        var total = details.GetProperty("campaign").GetProperty("oracleCalls").GetInt32();
        await Assertions.Expect(page.Locator("#candidate-table tbody tr")).ToHaveCountAsync(20);
        await Assertions.Expect(page.Locator("#candidate-table img.mol").First).ToHaveJSPropertyAsync("complete", true);
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('#candidate-table img.mol')].every(i => i.complete && i.naturalWidth > 0)");
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("campaign.png"), FullPage = true });

        // A row opens the molecule's full record.
        var topSmiles = (await page.Locator("#candidate-table tbody td.smiles").First.InnerTextAsync()).Trim();
        await page.Locator("#candidate-table tbody tr").First.ClickAsync();
        await Assertions.Expect(page.Locator("#molecule-dialog")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#molecule-dialog p.smiles")).ToHaveTextAsync(topSmiles);
        await Assertions.Expect(page.Locator("#molecule-dialog")).ToContainTextAsync("#1");
        Assert.DoesNotContain("null", await page.Locator("#molecule-dialog").InnerTextAsync());
        await page.WaitForFunctionAsync("() => { const i = document.querySelector('#molecule-dialog img'); return i && i.complete && i.naturalWidth > 0; }");
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("molecule.png") });

        // Explain the candidate's predicted activity with a saved D-MPNN: a shaded depiction and the top atoms.
        await page.SelectOptionAsync("#explain-model", "bzr_dmpnn.mgm");
        await page.ClickAsync("#explain-run");
        await Assertions.Expect(page.Locator("#explain-summary")).ToContainTextAsync("integrated-gradients");
        await page.WaitForFunctionAsync("() => { const i = document.querySelector('#explain-depiction'); return i && i.complete && i.naturalWidth > 0; }");
        Assert.True(await page.Locator("#explain-atoms tbody tr").CountAsync() > 0);
        await page.Locator("#explain-result").ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("explanation.png") });
        await page.ClickAsync("#close-molecule");
        await Assertions.Expect(page.Locator("#molecule-dialog")).ToBeHiddenAsync();

        // Filter by substructure: every row shown must contain it (checked with RDKit here).
        const string smarts = "C(=O)[OX2H1]";
        await page.FillAsync("#f-substructure", smarts);
        await page.SelectOptionAsync("#f-pagesize", "100");
        await page.ClickAsync("#apply-filters");
        var api = await fx.Host.Client(AliceKey).GetFromJsonElement($"/api/campaigns/{id}/candidates?pageSize=100&substructure={Uri.EscapeDataString(smarts)}");
        var expected = api.GetProperty("total").GetInt32();
        Assert.InRange(expected, 1, total - 1);
        // Anchored: "20 candidates" must not match a stale "120 candidates".
        await Assertions.Expect(page.Locator("#candidate-total")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex($"^{expected} candidates "));
        var shown = await page.Locator("#candidate-table tbody td.smiles").AllInnerTextsAsync();
        Assert.Equal(expected, shown.Count);
        using (var pattern = MoleculeParser.ParseSmarts(smarts))
            foreach (var smiles in shown)
            {
                using var mol = MoleculeParser.ParseSmiles(smiles.Trim());
                Assert.True(Substructure.HasMatch(mol, pattern), $"{smiles} does not contain {smarts}");
            }

        // Export what the table shows.
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export-csv"));
        var csvPath = Path.Combine(fx.Host.DataDirectory, "export.csv");
        await download.SaveAsAsync(csvPath);
        var rows = Csv.Parse(await File.ReadAllTextAsync(csvPath));
        Assert.Equal(expected, rows.Count - 1);
        Assert.Equal(shown.Select(s => s.Trim()).Order(), rows.Skip(1).Select(r => r[2]).Order());

        // A descriptor range on top: every row's molecular weight within it (checked with RDKit here).
        await page.FillAsync("#f-ranges", "mw<=350");
        await page.ClickAsync("#apply-filters");
        var ranged = await fx.Host.Client(AliceKey).GetFromJsonElement($"/api/campaigns/{id}/candidates?pageSize=100&substructure={Uri.EscapeDataString(smarts)}&filter=mw%3C%3D350");
        await Assertions.Expect(page.Locator("#candidate-total")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex($"^{ranged.GetProperty("total").GetInt32()} candidates "));
        foreach (var smiles in await page.Locator("#candidate-table tbody td.smiles").AllInnerTextsAsync())
        {
            using var mol = MoleculeParser.ParseSmiles(smiles.Trim());
            Assert.True(Descriptors.Compute(mol).MolWt <= 350, $"{smiles} is heavier than 350");
        }
        await page.FillAsync("#f-ranges", "");

        // A bad SMARTS is reported naming the field.
        await page.FillAsync("#f-substructure", "c1cc[");
        await page.ClickAsync("#apply-filters");
        await Assertions.Expect(page.Locator("#table-error")).ToContainTextAsync("substructure");

        await page.GotoAsync("/#/");
        await Assertions.Expect(page.Locator($"#campaign-table tr[data-id='{id}']")).ToContainTextAsync("Completed");
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("campaigns.png"), FullPage = true });
        Assert.Empty(consoleErrors);
    }

    [Fact]
    public async Task AdminDrainsAndResumesASilo()
    {
        var page = await fx.NewPageAsync();
        await SignInAsync(page, AdaKey);
        await Assertions.Expect(page.Locator("a[data-nav=silos]")).ToBeVisibleAsync();
        await page.ClickAsync("a[data-nav=silos]");
        var row = page.Locator("#silo-table tbody tr").First;
        await Assertions.Expect(row.Locator("button[data-action=drain]")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        var siloId = await row.GetAttributeAsync("data-id");
        await row.Locator("button[data-action=drain]").ClickAsync();
        await Assertions.Expect(row.Locator(".badge")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("Draining|Drained"));
        var silos = await fx.Host.Client(AdaKey).GetFromJsonElement("/api/silos");
        Assert.Contains(silos.EnumerateArray(), s => s.GetProperty("id").GetString() == siloId && s.GetProperty("state").GetString() is "Draining" or "Drained");
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("silos.png"), FullPage = true });

        await row.Locator("button[data-action=resume]").ClickAsync();
        await Assertions.Expect(row.Locator(".badge")).ToHaveTextAsync("Active");
    }

    [Fact]
    public async Task ResearcherSeesNoSubmitFormAndNoSilos()
    {
        var page = await fx.NewPageAsync();
        await SignInAsync(page, RitaKey);
        await Assertions.Expect(page.Locator("#campaign-table")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#submit-form")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("a[data-nav=silos]")).ToBeHiddenAsync();
        await page.GotoAsync("/#/silos");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Only admins manage silos");
    }
}

internal static class HttpJson
{
    public static async Task<JsonElement> GetFromJsonElement(this HttpClient c, string path) => await (await c.GetAsync(path)).Json();
}
