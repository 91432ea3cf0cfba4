using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using static MolGrid.Server.Tests.ServerHost;

namespace MolGrid.Server.Tests;

public partial class MetricsAndOpenApiTests(ServerFixture fx) : IClassFixture<ServerFixture>
{
    // The text exposition format 0.0.4: metric name, optional {label="value",...} with \\, \" and \n escapes, value.
    [GeneratedRegex("""^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\[\\"n])*",?)*\})? (-?[0-9.eE+\-]+|NaN|[+-]Inf)$""")]
    private static partial Regex SampleLine();

    [GeneratedRegex("""^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.+)$""")]
    private static partial Regex CommentLine();

    [Fact]
    public async Task MetricsAreValidPrometheusTextWithGridFigures()
    {
        var r = await fx.Host.Client(RitaKey).GetAsync("/metrics");
        Assert.Equal("text/plain", r.Content.Headers.ContentType?.MediaType);
        Assert.Equal("0.0.4", r.Content.Headers.ContentType?.Parameters.Single(p => p.Name == "version").Value);
        var text = await r.Content.ReadAsStringAsync();
        Assert.EndsWith("\n", text);

        var types = new Dictionary<string, string>();
        var samples = new List<(string Name, string Labels, double Value)>();
        foreach (var line in text.TrimEnd('\n').Split('\n'))
        {
            var comment = CommentLine().Match(line);
            if (comment.Success)
            {
                if (comment.Groups[1].Value == "TYPE")
                {
                    Assert.Contains(comment.Groups[3].Value, new[] { "counter", "gauge", "histogram", "summary", "untyped" });
                    Assert.True(types.TryAdd(comment.Groups[2].Value, comment.Groups[3].Value), $"TYPE twice for {comment.Groups[2].Value}");
                }
                continue;
            }
            var m = SampleLine().Match(line);
            Assert.True(m.Success, $"not a valid sample line: {line}");
            Assert.True(types.ContainsKey(m.Groups[1].Value), $"sample before its TYPE: {line}");
            samples.Add((m.Groups[1].Value, m.Groups[2].Value, double.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture)));
        }
        // Figures from the test silo registry: queue depths 5 and 2, 165 batches, silo-gpu-1 busy 4 of 4.
        Assert.Contains(samples, s => s.Name == "molgrid_queue_depth" && s.Labels == "{queue=\"score-cpu\"}" && s.Value == 5);
        Assert.Contains(samples, s => s.Name == "molgrid_batches_completed_total" && s.Value == 165);
        Assert.Contains(samples, s => s.Name == "molgrid_silo_load" && s.Labels.Contains("silo=\"silo-gpu-1\"") && s.Value == 1.0);
        Assert.Contains(samples, s => s.Name == "molgrid_silo_load" && s.Labels.Contains("host=\"node-b \\\"gpu\\\"\""));
        Assert.Equal("counter", types["molgrid_batches_completed_total"]);
    }

    [Fact]
    public async Task OpenApiDocumentListsEveryEndpoint()
    {
        var r = await fx.Host.Client().GetAsync("/openapi/v1.json");
        var doc = await r.Json();
        Assert.StartsWith("3.", doc.GetProperty("openapi").GetString());
        var paths = doc.GetProperty("paths");
        var expected = new Dictionary<string, string[]>
        {
            ["/api/me"] = ["get"],
            ["/api/campaigns"] = ["get", "post"],
            ["/api/campaigns/{id}"] = ["get"],
            ["/api/campaigns/{id}/events"] = ["get"],
            ["/api/campaigns/{id}/cancel"] = ["post"],
            ["/api/campaigns/{id}/candidates"] = ["get"],
            ["/api/campaigns/{id}/candidates/{key}"] = ["get"],
            ["/api/campaigns/{id}/export"] = ["get"],
            ["/molecules/{key}.svg"] = ["get"],
            ["/api/silos"] = ["get"],
            ["/api/silos/{id}/drain"] = ["post"],
            ["/api/silos/{id}/resume"] = ["post"],
            ["/metrics"] = ["get"],
        };
        foreach (var (path, methods) in expected)
        {
            Assert.True(paths.TryGetProperty(path, out var item), $"OpenAPI lacks {path}");
            foreach (var m in methods) Assert.True(item.TryGetProperty(m, out _), $"OpenAPI lacks {m} {path}");
        }
        var candidates = paths.GetProperty("/api/campaigns/{id}/candidates").GetProperty("get").GetProperty("parameters")
            .EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
        Assert.Contains("substructure", candidates);
        Assert.Contains("filter", candidates);
        Assert.Equal("header", doc.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey").GetProperty("in").GetString());
    }

    [Fact]
    public async Task DashboardIsServedWithoutKey()
    {
        var r = await fx.Host.Client().GetAsync("/");
        Assert.Equal("text/html", r.Content.Headers.ContentType?.MediaType);
        Assert.Contains("MolGrid", await r.Content.ReadAsStringAsync());
        Assert.Contains("script-src 'self'", r.Headers.GetValues("Content-Security-Policy").Single());
    }
}
