using System.Net;
using System.Text.Json;
using MolGrid.Molecules;
using static MolGrid.Server.Tests.ServerHost;

namespace MolGrid.Server.Tests;

/// <summary>
/// Candidate ranking, filters, depictions and exports. Expected filter results come from
/// Fixtures/filter_expectations.json, computed independently with python3-rdkit by
/// Fixtures/make_filter_expectations.py.
/// </summary>
public class CandidateApiTests(CandidateFixture fx) : IClassFixture<CandidateFixture>
{
    private static readonly JsonElement Expected =
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "filter_expectations.json"))).RootElement;

    private HttpClient Rita => fx.Host.Client(RitaKey);
    private string Url(string query = "") => $"/api/campaigns/{fx.CampaignId}/candidates{query}";

    private async Task<List<string>> SmilesOf(string query)
    {
        var page = await (await Rita.GetAsync(Url(query))).Json();
        return page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("smiles").GetString()!).Order(StringComparer.Ordinal).ToList();
    }

    private static List<string> Reference(string group, string key) =>
        Expected.GetProperty(group).GetProperty(key).EnumerateArray().Select(e => e.GetString()!).Order(StringComparer.Ordinal).ToList();

    [Fact]
    public async Task PagesAreRankedAndCoverEveryCandidateOnce()
    {
        var seen = new List<JsonElement>();
        for (var p = 1; p <= 4; p++)
        {
            var page = await (await Rita.GetAsync(Url($"?page={p}&pageSize=10&depiction=none"))).Json();
            Assert.Equal(31, page.GetProperty("total").GetInt32());
            seen.AddRange(page.GetProperty("items").EnumerateArray());
        }
        Assert.Equal(31, seen.Count);
        Assert.Equal(31, seen.Select(s => s.GetProperty("moleculeKey").GetString()).Distinct().Count());
        var scores = seen.Select(s => s.GetProperty("score").GetDouble()).ToList();
        Assert.Equal(scores.OrderDescending(), scores);
        Assert.Equal(Enumerable.Range(1, 31), seen.Select(s => s.GetProperty("rank").GetInt32()));
    }

    [Fact]
    public async Task SortByDescriptorAscending()
    {
        var page = await (await Rita.GetAsync(Url("?sort=mw&order=asc&pageSize=100"))).Json();
        var mws = page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("descriptors").GetProperty("mw").GetDouble()).ToList();
        Assert.Equal(31, mws.Count);
        Assert.Equal(mws.Order(), mws);
    }

    [Theory]
    [InlineData("C(=O)[OX2H1]")]
    [InlineData("c1ccccc1Cl")]
    [InlineData("[NX3;H2,H1;!$(NC=O)]")]
    [InlineData("S(=O)(=O)N")]
    public async Task SubstructureFilterMatchesRdkitPython(string smarts)
    {
        var got = await SmilesOf("?pageSize=100&substructure=" + Uri.EscapeDataString(smarts));
        Assert.Equal(Reference("substructure", smarts), got);
        Assert.NotEmpty(got);
    }

    [Theory]
    [InlineData("CC(=O)Oc1ccccc1C(=O)O", "0.3")]
    [InlineData("Clc1ccc2c(c1)C(=NCC(=O)N2C)c1ccccc1", "0.4")]
    public async Task SimilarityFilterMatchesRdkitPython(string probe, string threshold)
    {
        var got = await SmilesOf($"?pageSize=100&similarTo={Uri.EscapeDataString(probe)}&minSimilarity={threshold}");
        Assert.Equal(Reference("similarity", $"{probe}|{threshold}"), got);
    }

    [Theory]
    [InlineData("?filter=mw>=200&filter=mw<=300", "200|300")]
    [InlineData("?filter=mw=300..400", "300|400")]
    public async Task RangeFiltersMatchRdkitPythonMolWt(string query, string key)
    {
        var got = await SmilesOf(query.Replace(">", "%3E").Replace("<", "%3C") + "&pageSize=100");
        Assert.Equal(Reference("mw_between", key), got);
    }

    [Fact]
    public async Task BadSmartsIs400NamingSubstructure() =>
        await (await Rita.GetAsync(Url("?substructure=" + Uri.EscapeDataString("c1ccc[")))).AssertBadField("substructure");

    [Theory]
    [InlineData("?page=0", "page")]
    [InlineData("?page=-1", "page")]
    [InlineData("?page=abc", "page")]
    [InlineData("?pageSize=0", "pageSize")]
    [InlineData("?pageSize=100000", "pageSize")]
    [InlineData("?pageSize=1.5", "pageSize")]
    [InlineData("?sort=score;DROP%20TABLE%20candidates", "sort")]
    [InlineData("?order=sideways", "order")]
    [InlineData("?filter=mw%3E%3Dlots", "filter")]
    [InlineData("?filter=mw%20LIKE%20'%25'", "filter")]
    [InlineData("?filter=mw=500..100", "filter")]
    [InlineData("?similarTo=C1CC", "similarTo")]
    [InlineData("?similarTo=CCO&minSimilarity=1.5", "minSimilarity")]
    [InlineData("?minSimilarity=0.5", "minSimilarity")]
    [InlineData("?depiction=png", "depiction")]
    public async Task BadQueryValuesAre400NamingTheParameter(string query, string field) =>
        await (await Rita.GetAsync(Url(query))).AssertBadField(field);

    [Fact]
    public async Task InjectionLookingFilterNameIsDataAndMatchesNothing()
    {
        // A well-formed filter on a column nobody has: no rows, no error, nothing executed.
        var page = await (await Rita.GetAsync(Url("?filter=" + Uri.EscapeDataString("x--DROP>=0")))).Json();
        Assert.Equal(0, page.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task DepictionUrlServesRdkitSvgWithCachingAndNeedsItsSignature()
    {
        var page = await (await Rita.GetAsync(Url("?pageSize=1"))).Json();
        var row = page.GetProperty("items")[0];
        var url = row.GetProperty("depictionUrl").GetString()!;
        Assert.StartsWith("/molecules/" + row.GetProperty("moleculeKey").GetString() + ".svg?sig=", url);

        using var anonymous = fx.Host.Client();
        var r = await anonymous.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal("image/svg+xml", r.Content.Headers.ContentType?.MediaType);
        Assert.Contains("immutable", r.Headers.CacheControl?.ToString());
        var svg = await r.Content.ReadAsStringAsync();
        Assert.Contains("<svg", svg);
        Assert.Contains("<path", svg);

        var etag = r.Headers.ETag!;
        var conditional = new HttpRequestMessage(HttpMethod.Get, url);
        conditional.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.NotModified, (await anonymous.SendAsync(conditional)).StatusCode);

        var forged = url[..(url.IndexOf("sig=") + 4)] + "AAAAAAAAAAAAAAAAAAAAAAAA";
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(forged)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Rita.GetAsync(forged)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Rita.GetAsync("/molecules/MG1-UNKNOWNUNKNOWNUNKNOWNUNKNO.svg")).StatusCode);
    }

    [Fact]
    public async Task InlineSvgOnRequest()
    {
        var page = await (await Rita.GetAsync(Url("?pageSize=2&depiction=svg"))).Json();
        Assert.All(page.GetProperty("items").EnumerateArray(), i => Assert.StartsWith("<?xml", i.GetProperty("svg").GetString()!.TrimStart()));
    }

    [Fact]
    public async Task MoleculeRecordHasEveryValueAndSvg()
    {
        var first = (await (await Rita.GetAsync(Url("?pageSize=1"))).Json()).GetProperty("items")[0];
        var key = first.GetProperty("moleculeKey").GetString();
        var full = await (await Rita.GetAsync(Url($"/{key}"))).Json();
        Assert.Equal(first.GetProperty("smiles").GetString(), full.GetProperty("smiles").GetString());
        Assert.Equal(MoleculeKey.FromSmiles(full.GetProperty("smiles").GetString()!), key);
        Assert.True(full.GetProperty("descriptors").TryGetProperty("tpsa", out _));
        Assert.Contains("<svg", full.GetProperty("svg").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await Rita.GetAsync(Url("/MG1-NOPE"))).StatusCode);
    }

    [Fact]
    public async Task CsvExportParsesBackToTheRanking()
    {
        var r = await Rita.GetAsync($"/api/campaigns/{fx.CampaignId}/export?format=csv");
        Assert.Equal("text/csv", r.Content.Headers.ContentType?.MediaType);
        Assert.Contains("attachment", r.Content.Headers.ContentDisposition?.ToString());
        var rows = Csv.Parse(await r.Content.ReadAsStringAsync());
        var header = rows[0];
        Assert.Equal(["rank", "molecule_key", "smiles", "score", "round"], header.Take(5));
        var api = (await (await Rita.GetAsync(Url("?pageSize=100&depiction=none"))).Json()).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(api.Count, rows.Count - 1);
        var mwCol = Array.IndexOf(header, "mw");
        for (var i = 0; i < api.Count; i++)
        {
            Assert.Equal(api[i].GetProperty("moleculeKey").GetString(), rows[i + 1][1]);
            Assert.Equal(api[i].GetProperty("smiles").GetString(), rows[i + 1][2]);
            Assert.Equal(api[i].GetProperty("score").GetDouble(), double.Parse(rows[i + 1][3], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(api[i].GetProperty("descriptors").GetProperty("mw").GetDouble(), double.Parse(rows[i + 1][mwCol], System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public async Task FilteredCsvExportHasOnlyMatches()
    {
        var smarts = "C(=O)[OX2H1]";
        var r = await Rita.GetAsync($"/api/campaigns/{fx.CampaignId}/export?format=csv&substructure={Uri.EscapeDataString(smarts)}");
        var rows = Csv.Parse(await r.Content.ReadAsStringAsync());
        Assert.Equal(Reference("substructure", smarts), rows.Skip(1).Select(x => x[2]).Order(StringComparer.Ordinal).ToList());
    }

    [Fact]
    public async Task SdfExportParsesBackThroughRdkit()
    {
        var r = await Rita.GetAsync($"/api/campaigns/{fx.CampaignId}/export?format=sdf");
        Assert.Equal("chemical/x-mdl-sdfile", r.Content.Headers.ContentType?.MediaType);
        var text = await r.Content.ReadAsStringAsync();
        var records = text.Split("$$$$\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(31, records.Length);
        foreach (var rec in records)
        {
            var molBlock = rec[..(rec.IndexOf("M  END", StringComparison.Ordinal) + "M  END".Length)];
            using var mol = MoleculeParser.ParseMolBlock(molBlock);
            var smiles = Item(rec, "smiles");
            Assert.Equal(smiles, MoleculeWriter.CanonicalSmiles(mol));
            Assert.Equal(Item(rec, "molecule_key"), MoleculeKey.Of(mol));
            Assert.True(double.TryParse(Item(rec, "score"), System.Globalization.CultureInfo.InvariantCulture, out _));
        }
    }

    [Fact]
    public async Task BadExportFormatIs400() =>
        await (await Rita.GetAsync($"/api/campaigns/{fx.CampaignId}/export?format=xlsx")).AssertBadField("format");

    private static string Item(string record, string name)
    {
        var lines = record.Split('\n');
        var i = Array.IndexOf(lines, $"> <{name}>");
        Assert.True(i >= 0, $"no data item {name}");
        return lines[i + 1];
    }
}
