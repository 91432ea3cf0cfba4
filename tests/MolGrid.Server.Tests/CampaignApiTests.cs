using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using MolGrid.Grains;
using MolGrid.Server.Tests.TestGrid;
using static MolGrid.Server.Tests.ServerHost;

namespace MolGrid.Server.Tests;

public class CampaignApiTests(ServerFixture fx) : IClassFixture<ServerFixture>
{
    private HttpClient Alice => fx.Host.Client(AliceKey);

    private async Task<int> CampaignCount() => int.Parse((await fx.Host.Client(AdaKey).GetAsync("/api/campaigns")).Headers.GetValues("X-Total-Count").Single());

    [Fact]
    public async Task YamlSubmissionRunsToCompletionWithProgress()
    {
        var created = await ApiTestHelpers.SubmitAsync(Alice, "name: kinase hits\nbudget: 24\nbatch: 8\n");
        Assert.Equal("alice", created.GetProperty("owner").GetString());
        Assert.Equal("kinase hits", created.GetProperty("name").GetString());
        var id = created.GetProperty("id").GetString()!;

        var done = await ApiTestHelpers.WaitFinishedAsync(Alice, id);
        Assert.Equal("Completed", done.GetProperty("campaign").GetProperty("status").GetString());
        Assert.Equal(24, done.GetProperty("campaign").GetProperty("oracleCalls").GetInt32());
        Assert.Equal(1.0, done.GetProperty("progress").GetDouble());
        var rounds = done.GetProperty("rounds").EnumerateArray().ToList();
        Assert.Equal([1, 2, 3], rounds.Select(r => r.GetProperty("round").GetInt32()));
        // Best so far never decreases and ends at the campaign's best score.
        var best = rounds.Select(r => r.GetProperty("bestSoFar").GetDouble()).ToList();
        Assert.Equal(best.Order(), best);
        Assert.Equal(best[^1], done.GetProperty("campaign").GetProperty("bestScore").GetDouble());
    }

    [Fact]
    public async Task JsonBodyIsAcceptedAsSpec()
    {
        // YAML is a superset of JSON; the grid parses either. The double reads "key: value" lines.
        var r = await Alice.PostAsync("/api/campaigns", new StringContent("name: from-json\nbudget: 8", Encoding.UTF8, "application/json"));
        Assert.Equal("from-json", (await r.Json(HttpStatusCode.Created)).GetProperty("name").GetString());
    }

    [Fact]
    public async Task MultipartWithExpressionFilePassesBytesAndAHarmlessName()
    {
        var grid = fx.Host.Service<InMemoryCampaignService>();
        var form = new MultipartFormDataContent
        {
            { new StringContent("name: with-expression\nbudget: 8\n"), "spec" },
        };
        var data = Encoding.UTF8.GetBytes("gene\ts1\ts2\nEGFR\t1.0\t2.0\n");
        var file = new ByteArrayContent(data);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/tab-separated-values");
        form.Add(file, "expression", "../../etc/passwd/../expr data.tsv");
        var created = await (await Alice.PostAsync("/api/campaigns", form)).Json(HttpStatusCode.Created);
        var submission = grid.Submissions.Single(s => s.Spec.Contains("with-expression"));
        Assert.Equal(data, submission.ExpressionData);
        Assert.Equal("exprdata.tsv", submission.ExpressionFileName);
        Assert.Equal("alice", created.GetProperty("owner").GetString());
    }

    [Fact]
    public async Task MultipartWithoutBoundaryIs400NamingSpec()
    {
        var body = new ByteArrayContent(Encoding.UTF8.GetBytes("--x\r\nContent-Disposition: form-data; name=\"spec\"\r\n\r\nname: a\r\n--x--\r\n"));
        body.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data");
        await (await Alice.PostAsync("/api/campaigns", body)).AssertBadField("spec");
    }

    [Fact]
    public async Task MultipartSpecAsFileIsAccepted()
    {
        var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes("name: spec-file\nbudget: 8\n")), "spec", "campaign.yaml" } };
        Assert.Equal("spec-file", (await (await Alice.PostAsync("/api/campaigns", form)).Json(HttpStatusCode.Created)).GetProperty("name").GetString());
    }

    [Fact]
    public async Task InvalidSpecKeyIs400NamingTheKeyAndStoresNothing()
    {
        var before = await CampaignCount();
        var r = await Alice.PostAsync("/api/campaigns", ApiTestHelpers.Yaml("name: x\nbudgett: 10\n"));
        await r.AssertBadField("budgett");
        var bad = await Alice.PostAsync("/api/campaigns", ApiTestHelpers.Yaml("name: x\nbudget: -3\n"));
        await bad.AssertBadField("budget");
        Assert.Equal(before, await CampaignCount());
    }

    [Fact]
    public async Task EmptyOrNonUtf8SpecIs400NamingSpec()
    {
        await (await Alice.PostAsync("/api/campaigns", ApiTestHelpers.Yaml("   \n"))).AssertBadField("spec");
        var latin1 = new ByteArrayContent([0x6e, 0x61, 0x6d, 0x65, 0x3a, 0x20, 0xe9, 0xff]);
        latin1.Headers.ContentType = new MediaTypeHeaderValue("application/yaml");
        await (await Alice.PostAsync("/api/campaigns", latin1)).AssertBadField("spec");
    }

    [Fact]
    public async Task OversizedUploadIs413AndStoresNothing()
    {
        var before = await CampaignCount();
        var big = new byte[100 * 1024]; // the fixture caps uploads at 64 KiB
        Array.Fill(big, (byte)'A');
        var form = new MultipartFormDataContent
        {
            { new StringContent("name: big\nbudget: 8\n"), "spec" },
            { new ByteArrayContent(big), "expression", "big.tsv" },
        };
        var r = await Alice.PostAsync("/api/campaigns", form);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, r.StatusCode);
        Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);

        // Without a Content-Length (chunked), the cap is enforced while reading.
        var chunked = new StreamContent(new MemoryStream(big));
        chunked.Headers.ContentType = new MediaTypeHeaderValue("application/yaml");
        var req = new HttpRequestMessage(HttpMethod.Post, "/api/campaigns") { Content = chunked };
        req.Headers.TransferEncodingChunked = true;
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await Alice.SendAsync(req)).StatusCode);
        Assert.Equal(before, await CampaignCount());
    }

    [Fact]
    public async Task UnexpectedFilePartIs400NamingIt()
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent("name: x\nbudget: 8\n"), "spec" },
            { new ByteArrayContent([1, 2, 3]), "payload", "run.sh" },
        };
        await (await Alice.PostAsync("/api/campaigns", form)).AssertBadField("payload");
    }

    [Fact]
    public async Task SqlInjectionLookingTextIsData()
    {
        var name = "x'); DROP TABLE campaigns;--";
        var created = await ApiTestHelpers.SubmitAsync(Alice, $"name: {name}\nbudget: 8\n");
        Assert.Equal(name, created.GetProperty("name").GetString());
        var none = await (await Alice.GetAsync("/api/campaigns?owner=" + Uri.EscapeDataString("' OR 1=1 --"))).Json();
        Assert.Equal(0, none.GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, (await Alice.GetAsync("/api/campaigns/" + Uri.EscapeDataString("c0001' OR '1'='1"))).StatusCode);
        var all = await (await Alice.GetAsync("/api/campaigns")).Json();
        Assert.Contains(all.EnumerateArray(), c => c.GetProperty("name").GetString() == name);
    }

    [Fact]
    public async Task ListFiltersByOwnerAndMine()
    {
        await ApiTestHelpers.SubmitAsync(fx.Host.Client(BobKey), "name: bobs\nbudget: 8\n");
        await ApiTestHelpers.SubmitAsync(Alice, "name: alices\nbudget: 8\n");
        var mine = await (await Alice.GetAsync("/api/campaigns?mine=true")).Json();
        Assert.NotEqual(0, mine.GetArrayLength());
        Assert.All(mine.EnumerateArray(), c => Assert.Equal("alice", c.GetProperty("owner").GetString()));
        var bobs = await (await Alice.GetAsync("/api/campaigns?owner=bob")).Json();
        Assert.All(bobs.EnumerateArray(), c => Assert.Equal("bob", c.GetProperty("owner").GetString()));
        Assert.Contains(bobs.EnumerateArray(), c => c.GetProperty("name").GetString() == "bobs");
    }

    [Fact]
    public async Task ListIsPagedNewestFirstWithTheTotalInAHeader()
    {
        for (var i = 0; i < 3; i++) await ApiTestHelpers.SubmitAsync(Alice, $"name: paged-{i}\nbudget: 8\n");
        var whole = await Alice.GetAsync("/api/campaigns?pageSize=1000");
        var all = (await whole.Json()).EnumerateArray().Select(c => c.GetProperty("id").GetString()).ToList();
        var total = int.Parse(whole.Headers.GetValues("X-Total-Count").Single());
        Assert.Equal(all.Count, total);
        Assert.True(total >= 3);

        var pages = new List<string?>();
        for (var p = 1; p <= (total + 1) / 2; p++)
        {
            var r = await Alice.GetAsync($"/api/campaigns?page={p}&pageSize=2");
            Assert.Equal(total.ToString(), r.Headers.GetValues("X-Total-Count").Single());
            pages.AddRange((await r.Json()).EnumerateArray().Select(c => c.GetProperty("id").GetString()));
        }
        Assert.Equal(all, pages);
        var created = (await (await Alice.GetAsync("/api/campaigns?pageSize=1000")).Json()).EnumerateArray().Select(c => c.GetProperty("createdAt").GetDateTimeOffset()).ToList();
        Assert.Equal(created.OrderDescending(), created);
        Assert.Equal(0, (await (await Alice.GetAsync("/api/campaigns?page=1000000")).Json()).GetArrayLength());

        await (await Alice.GetAsync("/api/campaigns?page=0")).AssertBadField("page");
        await (await Alice.GetAsync("/api/campaigns?pageSize=1001")).AssertBadField("pageSize");
        await (await Alice.GetAsync("/api/campaigns?pageSize=ten")).AssertBadField("pageSize");
    }

    [Fact]
    public async Task UnknownCampaignIs404ProblemOnEveryCampaignRoute()
    {
        foreach (var path in new[] { "/api/campaigns/nope", "/api/campaigns/nope/events", "/api/campaigns/nope/candidates", "/api/campaigns/nope/export" })
        {
            var r = await Alice.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
            Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await Alice.PostAsync("/api/campaigns/nope/cancel", null)).StatusCode);
    }

    [Fact]
    public async Task ServerSentEventsDeliverEveryRoundThenDone()
    {
        var id = (await ApiTestHelpers.SubmitAsync(Alice, "name: sse\nbudget: 32\nbatch: 8\n")).GetProperty("id").GetString();
        var rita = fx.Host.Client(RitaKey);
        using var r = await rita.GetAsync($"/api/campaigns/{id}/events", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", r.Content.Headers.ContentType?.MediaType);
        var events = await ReadEventsAsync(await r.Content.ReadAsStreamAsync());

        Assert.Equal("status", events[0].Event);
        Assert.Equal("done", events[^1].Event);
        var rounds = events.Where(e => e.Event == "round").ToList();
        Assert.Equal(["1", "2", "3", "4"], rounds.Select(e => e.Id));
        var lastRound = JsonDocument.Parse(rounds[^1].Data).RootElement;
        Assert.Equal(32, lastRound.GetProperty("oracleCalls").GetInt32());
        var done = JsonDocument.Parse(events[^1].Data).RootElement;
        Assert.Equal("Completed", done.GetProperty("status").GetString());
        Assert.Equal(lastRound.GetProperty("bestSoFar").GetDouble(), done.GetProperty("bestScore").GetDouble());

        // Reconnecting with Last-Event-ID skips the rounds already seen.
        var again = new HttpRequestMessage(HttpMethod.Get, $"/api/campaigns/{id}/events");
        again.Headers.Add("Last-Event-ID", "2");
        using var r2 = await rita.SendAsync(again, HttpCompletionOption.ResponseHeadersRead);
        var resumed = await ReadEventsAsync(await r2.Content.ReadAsStreamAsync());
        Assert.Equal(["3", "4"], resumed.Where(e => e.Event == "round").Select(e => e.Id));
    }

    internal sealed record Sse(string Event, string? Id, string Data);

    /// <summary>A minimal reader of the event-stream format (fields per line, blank line ends an event).</summary>
    internal static async Task<List<Sse>> ReadEventsAsync(Stream stream)
    {
        using var reader = new StreamReader(stream);
        var list = new List<Sse>();
        string evt = "message", data = "";
        string? id = null;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await reader.ReadLineAsync(cts.Token) is { } line)
        {
            if (line.Length == 0)
            {
                if (data.Length > 0) list.Add(new Sse(evt, id, data));
                evt = "message"; data = ""; id = null;
                continue;
            }
            if (line.StartsWith(':')) continue;
            var colon = line.IndexOf(':');
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..].TrimStart(' ');
            switch (field)
            {
                case "event": evt = value; break;
                case "id": id = value; break;
                case "data": data = data.Length == 0 ? value : data + "\n" + value; break;
            }
        }
        return list;
    }
}
