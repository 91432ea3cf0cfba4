using System.Net;
using static MolGrid.Server.Tests.ServerHost;

namespace MolGrid.Server.Tests;

public class ModelsApiTests(ServerFixture fx) : IClassFixture<ServerFixture>
{
    private string Models() => TestModels.WriteInto(Path.Combine(fx.Host.DataDirectory, "models"));

    [Fact]
    public async Task Lists_the_saved_models_and_skips_files_that_are_not_models()
    {
        var dir = Models();
        File.WriteAllText(Path.Combine(dir, "notes.json"), "{\"hello\": 1}");
        var list = await (await fx.Host.Client(RitaKey).GetAsync("/api/models")).Json();
        var names = list.EnumerateArray().Select(m => (m.GetProperty("name").GetString(), m.GetProperty("kind").GetString())).ToArray();
        Assert.Contains(("bzr_dmpnn.mgm", "dmpnn"), names);
        Assert.Contains(("bzr_gbm.json", "gbm"), names);
        Assert.DoesNotContain(names, n => n.Item1 == "notes.json");
        Assert.Equal(HttpStatusCode.Unauthorized, (await fx.Host.Client().GetAsync("/api/models")).StatusCode);
    }

    [Fact]
    public async Task A_network_explanation_sums_to_the_prediction_minus_the_baseline_and_comes_with_a_shaded_depiction()
    {
        Models();
        var x = await (await fx.Host.Client(RitaKey).GetAsync("/api/models/bzr_dmpnn.mgm/explanation?smiles=" + Uri.EscapeDataString("CN1C(=O)CN=C(c2ccccc2)c2cc(Cl)ccc21"))).Json();
        Assert.Equal("integrated-gradients", x.GetProperty("method").GetString());
        var atoms = x.GetProperty("atoms").EnumerateArray().ToArray();
        Assert.Equal(20, atoms.Length);
        var sum = atoms.Sum(a => a.GetProperty("attribution").GetDouble());
        var gap = x.GetProperty("prediction").GetDouble() - x.GetProperty("baseline").GetDouble();
        Assert.True(Math.Abs(sum - gap) <= 0.03 * Math.Abs(gap) + 1e-3, $"attributions sum to {sum}, prediction - baseline is {gap}");
        Assert.Equal(1.0, atoms.Max(a => Math.Abs(a.GetProperty("shade").GetDouble())), 9);
        Assert.StartsWith("<?xml", x.GetProperty("svg").GetString());
        Assert.Contains("<ellipse", x.GetProperty("svg").GetString());

        var g = await (await fx.Host.Client(RitaKey).GetAsync("/api/models/bzr_gbm.json/explanation?smiles=c1ccccc1Cl")).Json();
        Assert.Equal("fingerprint-occlusion", g.GetProperty("method").GetString());
    }

    [Fact]
    public async Task Bad_requests_name_the_problem()
    {
        Models();
        var c = fx.Host.Client(RitaKey);
        await (await c.GetAsync("/api/models/bzr_gbm.json/explanation?smiles=C1CC")).AssertBadField("C1CC");
        await (await c.GetAsync("/api/models/bzr_gbm.json/explanation")).AssertBadField("smiles");
        Assert.Equal(HttpStatusCode.NotFound, (await c.GetAsync("/api/models/none.mgm/explanation?smiles=CCO")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await c.GetAsync("/api/models/..%2Fkeys.json/explanation?smiles=CCO")).StatusCode);
    }
}
