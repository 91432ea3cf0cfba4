using System.Net;
using System.Text;
using System.Text.Json;

namespace MolGrid.Server.Tests;

internal static class ApiTestHelpers
{
    public static async Task<JsonElement> Json(this HttpResponseMessage r, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await r.Content.ReadAsStringAsync();
        Assert.True(r.StatusCode == expected, $"expected {(int)expected}, got {(int)r.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Asserts a problem-details 400 whose "errors" names <paramref name="field"/>.</summary>
    public static async Task AssertBadField(this HttpResponseMessage r, string field)
    {
        Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
        var p = await r.Json(HttpStatusCode.BadRequest);
        Assert.True(p.GetProperty("errors").TryGetProperty(field, out _), $"errors should name '{field}': {p}");
        Assert.Equal(field, p.GetProperty("field").GetString());
    }

    public static StringContent Yaml(string spec) => new(spec, Encoding.UTF8, "application/yaml");

    public static async Task<JsonElement> SubmitAsync(HttpClient c, string spec = "name: test\nbudget: 16\nbatch: 8\n")
    {
        var r = await c.PostAsync("/api/campaigns", Yaml(spec));
        return await r.Json(HttpStatusCode.Created);
    }

    public static async Task<JsonElement> WaitFinishedAsync(HttpClient c, string id, int timeoutSeconds = 30)
    {
        var until = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (true)
        {
            var d = await (await c.GetAsync($"/api/campaigns/{id}")).Json();
            var status = d.GetProperty("campaign").GetProperty("status").GetString();
            if (status is "Completed" or "Cancelled" or "Failed") return d;
            if (DateTime.UtcNow > until) throw new TimeoutException($"campaign {id} still {status}");
            await Task.Delay(100);
        }
    }
}
