using System.Net;
using static MolGrid.Server.Tests.ServerHost;

namespace MolGrid.Server.Tests;

/// <summary>Every endpoint refuses a missing or unknown key with 401, and each role gets exactly its rights.</summary>
public class AuthorizationTests(ServerFixture fx) : IClassFixture<ServerFixture>
{
    public static TheoryData<string, string> Endpoints => new()
    {
        { "GET", "/api/me" },
        { "GET", "/api/campaigns" },
        { "POST", "/api/campaigns" },
        { "GET", "/api/campaigns/c0001" },
        { "GET", "/api/campaigns/c0001/events" },
        { "POST", "/api/campaigns/c0001/cancel" },
        { "GET", "/api/campaigns/c0001/candidates" },
        { "GET", "/api/campaigns/c0001/candidates/MG1-X" },
        { "GET", "/api/campaigns/c0001/export?format=csv" },
        { "GET", "/api/silos" },
        { "POST", "/api/silos/silo-cpu-1/drain" },
        { "POST", "/api/silos/silo-cpu-1/resume" },
        { "GET", "/metrics" },
        { "GET", "/molecules/MG1-X.svg" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task NoKeyAndUnknownKeyAre401WithProblemDetails(string method, string path)
    {
        foreach (var client in new[] { fx.Host.Client(), fx.Host.Client("not-a-real-key-000000000000"), fx.Host.Client("wrong-bearer-key-0000000000", bearer: true) })
        {
            using var r = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "POST" ? ApiTestHelpers.Yaml("name: x") : null });
            Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
            Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task MeNamesUserAndRoleForHeaderAndBearer()
    {
        var me = await (await fx.Host.Client(RitaKey).GetAsync("/api/me")).Json();
        Assert.Equal("rita", me.GetProperty("name").GetString());
        Assert.Equal("researcher", me.GetProperty("role").GetString());
        var viaBearer = await (await fx.Host.Client(AdaKey, bearer: true).GetAsync("/api/me")).Json();
        Assert.Equal("admin", viaBearer.GetProperty("role").GetString());
    }

    [Fact]
    public async Task ResearcherReadsButCannotSubmitCancelOrManageSilos()
    {
        var c = await ApiTestHelpers.SubmitAsync(fx.Host.Client(AliceKey));
        var id = c.GetProperty("id").GetString();
        var rita = fx.Host.Client(RitaKey);
        Assert.Equal(HttpStatusCode.OK, (await rita.GetAsync($"/api/campaigns/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await rita.GetAsync($"/api/campaigns/{id}/candidates")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await rita.GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await rita.PostAsync("/api/campaigns", ApiTestHelpers.Yaml("name: x"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await rita.PostAsync($"/api/campaigns/{id}/cancel", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await rita.GetAsync("/api/silos")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await rita.PostAsync("/api/silos/silo-cpu-1/drain", null)).StatusCode);
    }

    [Fact]
    public async Task ChemistCannotManageSilos()
    {
        var alice = fx.Host.Client(AliceKey);
        var r = await alice.GetAsync("/api/silos");
        Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, (await alice.PostAsync("/api/silos/silo-cpu-1/resume", null)).StatusCode);
    }

    [Fact]
    public async Task ChemistCancelsOwnCampaignButNotAnothersAndAdminCancelsAny()
    {
        var alice = fx.Host.Client(AliceKey);
        var bob = fx.Host.Client(BobKey);
        var slow = "name: long\nbudget: 100000\nbatch: 1\n";
        var bobs = (await ApiTestHelpers.SubmitAsync(bob, slow)).GetProperty("id").GetString();
        var alices = (await ApiTestHelpers.SubmitAsync(alice, slow)).GetProperty("id").GetString();

        var denied = await alice.PostAsync($"/api/campaigns/{bobs}/cancel", null);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Contains("bob", await denied.Content.ReadAsStringAsync());
        var stillRunning = await (await bob.GetAsync($"/api/campaigns/{bobs}")).Json();
        Assert.Equal("Running", stillRunning.GetProperty("campaign").GetProperty("status").GetString());

        Assert.Equal(HttpStatusCode.OK, (await alice.PostAsync($"/api/campaigns/{alices}/cancel", null)).StatusCode);
        Assert.Equal("Cancelled", (await ApiTestHelpers.WaitFinishedAsync(alice, alices!)).GetProperty("campaign").GetProperty("status").GetString());

        Assert.Equal(HttpStatusCode.OK, (await fx.Host.Client(AdaKey).PostAsync($"/api/campaigns/{bobs}/cancel", null)).StatusCode);
        Assert.Equal("Cancelled", (await ApiTestHelpers.WaitFinishedAsync(bob, bobs!)).GetProperty("campaign").GetProperty("status").GetString());

        // A finished campaign cannot be cancelled again.
        Assert.Equal(HttpStatusCode.Conflict, (await bob.PostAsync($"/api/campaigns/{bobs}/cancel", null)).StatusCode);
    }

    [Fact]
    public async Task AdminDrainsAndResumesSilos()
    {
        var ada = fx.Host.Client(AdaKey);
        var silos = await (await ada.GetAsync("/api/silos")).Json();
        Assert.Equal(2, silos.GetArrayLength());
        var drained = await (await ada.PostAsync("/api/silos/silo-gpu-1/drain", null)).Json();
        Assert.Equal("Draining", drained.GetProperty("state").GetString());
        var listed = await (await ada.GetAsync("/api/silos")).Json();
        Assert.Equal("Draining", listed.EnumerateArray().Single(s => s.GetProperty("id").GetString() == "silo-gpu-1").GetProperty("state").GetString());
        var resumed = await (await ada.PostAsync("/api/silos/silo-gpu-1/resume", null)).Json();
        Assert.Equal("Active", resumed.GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await ada.PostAsync("/api/silos/no-such-silo/drain", null)).StatusCode);
    }
}
