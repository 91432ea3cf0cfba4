using System.Net;
using static MolGrid.Server.Tests.ServerHost;

namespace MolGrid.Server.Tests;

/// <summary>The API over the real embedded grid and design engine: bad design specs are refused naming the key.</summary>
public class EmbeddedGridApiTests(EmbeddedServerFixture fx) : IClassFixture<EmbeddedServerFixture>
{
    private const string Design = """
        name: api-spec-check
        seed: 3
        budget: 40
        generator:
          type: graph_ga
          population_size: 10
          offspring_size: 10
          start_file: chembl_like_10k.smi
          start_size: 20
        scoring:
          components:
            - {type: qed, name: qed}

        """;

    [Theory]
    [InlineData("budget: 40", "budget: -4", "budget")]
    [InlineData("type: graph_ga", "type: quantum_ga", "type")]
    [InlineData("{type: qed, name: qed}", "{type: no_such_component, name: x}", "type")]
    [InlineData("seed: 3", "seed: 3\ncolour: blue", "colour")]
    public async Task BadDesignSpecIs400NamingTheKeyAndStoresNothing(string from, string to, string key)
    {
        var ada = fx.Host.Client(AdaKey);
        var before = (await ada.GetFromJsonElement("/api/campaigns")).GetArrayLength();
        var r = await fx.Host.Client(AliceKey).PostAsync("/api/campaigns", ApiTestHelpers.Yaml(Design.Replace(from, to)));
        var body = await r.Content.ReadAsStringAsync();
        Assert.True(r.StatusCode == HttpStatusCode.BadRequest, body);
        var problem = System.Text.Json.JsonDocument.Parse(body).RootElement;
        Assert.Contains(key, problem.GetProperty("field").GetString());
        Assert.Equal(before, (await ada.GetFromJsonElement("/api/campaigns")).GetArrayLength());
    }

    /// <summary>The synthetic test engine (round_size, latency_ms, hang_on...) lives in the benchmark and fault
    /// harness, never in a product host: a chemist's `engine: synthetic` spec is an unknown key, 400, nothing stored.</summary>
    [Fact]
    public async Task SyntheticEngineSpecIs400NamingEngineAndStoresNothing()
    {
        var ada = fx.Host.Client(AdaKey);
        var before = (await ada.GetFromJsonElement("/api/campaigns")).GetArrayLength();
        var r = await fx.Host.Client(AliceKey).PostAsync("/api/campaigns",
            ApiTestHelpers.Yaml("engine: synthetic\nname: bench\nbudget: 64\nround_size: 16\nlatency_ms: 1\nhang_on: CCO\ncomponents: cpu\n"));
        var body = await r.Content.ReadAsStringAsync();
        Assert.True(r.StatusCode == HttpStatusCode.BadRequest, body);
        Assert.Equal("engine", System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("field").GetString());
        Assert.Equal(before, (await ada.GetFromJsonElement("/api/campaigns")).GetArrayLength());
    }

    [Fact]
    public async Task JsonDesignSpecIsAccepted()
    {
        const string json = """
            {"name": "json-spec", "seed": 4, "budget": 20,
             "generator": {"type": "graph_ga", "population_size": 10, "offspring_size": 10, "start_file": "chembl_like_10k.smi", "start_size": 10},
             "scoring": {"components": [{"type": "qed", "name": "qed"}]}}
            """;
        var r = await fx.Host.Client(AliceKey).PostAsync("/api/campaigns", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        var created = await r.Json(HttpStatusCode.Created);
        Assert.Equal("json-spec", created.GetProperty("name").GetString());
        Assert.Equal(20, created.GetProperty("budget").GetInt32());
    }

    [Fact]
    public async Task MalformedYamlIs400()
    {
        var r = await fx.Host.Client(AliceKey).PostAsync("/api/campaigns", ApiTestHelpers.Yaml("name: [unclosed\nbudget: 3\n"));
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task DesignCampaignRunsAndItsCandidatesCarryDescriptorsForFiltering()
    {
        var alice = fx.Host.Client(AliceKey);
        var id = (await ApiTestHelpers.SubmitAsync(alice, Design)).GetProperty("id").GetString()!;
        var done = await ApiTestHelpers.WaitFinishedAsync(alice, id, 120);
        Assert.Equal("Completed", done.GetProperty("campaign").GetProperty("status").GetString());
        var page = await alice.GetFromJsonElement($"/api/campaigns/{id}/candidates?pageSize=100&filter=mw%3C%3D300&depiction=none");
        foreach (var item in page.GetProperty("items").EnumerateArray())
        {
            using var mol = MolGrid.Molecules.MoleculeParser.ParseSmiles(item.GetProperty("smiles").GetString()!);
            Assert.True(MolGrid.Molecules.Descriptors.Compute(mol).MolWt <= 300);
        }
        // Silo counters reach the store with the silo's heartbeat (every second), so the count may lag the
        // campaign's completion by a beat: read until it shows, for at most ten beats.
        var rita = fx.Host.Client(RitaKey);
        var metrics = "";
        for (var attempt = 0; attempt < 20; attempt++)
        {
            metrics = await (await rita.GetAsync("/metrics")).Content.ReadAsStringAsync();
            if (System.Text.RegularExpressions.Regex.IsMatch(metrics, @"molgrid_molecules_scored_total [1-9]\d*")) break;
            await Task.Delay(500);
        }
        Assert.Matches(@"molgrid_molecules_scored_total [1-9]\d*", metrics);
    }
}
