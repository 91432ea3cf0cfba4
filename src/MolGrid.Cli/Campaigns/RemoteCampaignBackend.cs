using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using MolGrid.Grains;
using MolGrid.Server.Candidates;

namespace MolGrid.Cli.Campaigns;

/// <summary>The campaign commands against a MolGrid server's HTTP API.</summary>
public sealed class RemoteCampaignBackend : ICampaignBackend
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
    private readonly HttpClient _http;

    public RemoteCampaignBackend(string server, string apiKey)
    {
        if (!Uri.TryCreate(server, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new CampaignRequestException("--server", $"'{server}' is not an http:// or https:// address");
        if (string.IsNullOrWhiteSpace(apiKey))
            throw new CampaignRequestException("--api-key", "a server needs an API key (--api-key or $MOLGRID_API_KEY)");
        _http = new HttpClient { BaseAddress = uri, Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        Description = uri.ToString().TrimEnd('/');
    }

    public string Description { get; }

    public async Task<CampaignInfo> SubmitAsync(string spec, string? expressionFileName, byte[]? expressionData, CancellationToken ct)
    {
        using var form = new MultipartFormDataContent { { new StringContent(spec), "spec" } };
        if (expressionData is not null)
        {
            var file = new ByteArrayContent(expressionData);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(file, "expression", expressionFileName ?? "expression.tsv");
        }
        return await SendAsync<CampaignInfo>(HttpMethod.Post, "/api/campaigns", form, null, ct);
    }

    public async Task<(CampaignInfo Info, IReadOnlyList<RoundProgress> Rounds)> GetAsync(string id, CancellationToken ct)
    {
        var d = await SendAsync<DetailsDto>(HttpMethod.Get, $"/api/campaigns/{Uri.EscapeDataString(id)}", null, id, ct);
        return (d.Campaign, d.Rounds);
    }

    public Task<CampaignInfo> CancelAsync(string id, CancellationToken ct) =>
        SendAsync<CampaignInfo>(HttpMethod.Post, $"/api/campaigns/{Uri.EscapeDataString(id)}/cancel", null, id, ct);

    public async IAsyncEnumerable<(CampaignInfo Info, RoundProgress? Round)> WatchAsync(string id, [EnumeratorCancellation] CancellationToken ct)
    {
        var (info, _) = await GetAsync(id, ct);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/campaigns/{Uri.EscapeDataString(id)}/events");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var response = await SendRawAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        await ThrowIfFailed(response, id, ct);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
        string evt = "message", data = "";
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (line.Length > 0)
            {
                if (line.StartsWith("event:", StringComparison.Ordinal)) evt = line[6..].Trim();
                else if (line.StartsWith("data:", StringComparison.Ordinal)) data += line[5..].TrimStart();
                continue;
            }
            if (data.Length == 0) continue;
            if (evt == "round")
            {
                yield return (info, JsonSerializer.Deserialize<RoundProgress>(data, Json));
            }
            else
            {
                info = JsonSerializer.Deserialize<CampaignInfo>(data, Json)!;
                yield return (info, null);
                if (evt == "done") yield break;
            }
            evt = "message";
            data = "";
        }
    }

    public async Task<CandidatePage> QueryAsync(string id, CandidateFilterArgs f, int page, int pageSize, CancellationToken ct)
    {
        var q = Query(f);
        q.Add(("page", page.ToString(CultureInfo.InvariantCulture)));
        q.Add(("pageSize", pageSize.ToString(CultureInfo.InvariantCulture)));
        q.Add(("depiction", "none"));
        var rows = await SendAsync<CandidateRowPage>(HttpMethod.Get, $"/api/campaigns/{Uri.EscapeDataString(id)}/candidates?{Encode(q)}", null, id, ct);
        return new CandidatePage(rows.Page, rows.PageSize, rows.Total,
            rows.Items.Select(r => new Candidate(r.MoleculeKey, r.Smiles, r.Rank, r.Score, r.Round, r.Components, r.Descriptors, r.Error)).ToList());
    }

    public async Task ExportAsync(string id, string format, CandidateFilterArgs f, Stream output, CancellationToken ct)
    {
        var q = Query(f);
        q.Add(("format", format));
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/campaigns/{Uri.EscapeDataString(id)}/export?{Encode(q)}");
        using var response = await SendRawAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        await ThrowIfFailed(response, id, ct);
        await response.Content.CopyToAsync(output, ct);
    }

    private static List<(string, string)> Query(CandidateFilterArgs f)
    {
        var q = new List<(string, string)> { ("sort", f.Sort) };
        if (f.Order is not null) q.Add(("order", f.Order));
        q.AddRange(f.Filters.Select(x => ("filter", x)));
        if (f.Substructure is not null) q.Add(("substructure", f.Substructure));
        if (f.SimilarTo is not null) q.Add(("similarTo", f.SimilarTo));
        if (f.MinSimilarity is { } m) q.Add(("minSimilarity", m.ToString("R", CultureInfo.InvariantCulture)));
        return q;
    }

    private static string Encode(List<(string Key, string Value)> q) =>
        string.Join('&', q.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));

    private async Task<T> SendAsync<T>(HttpMethod method, string path, HttpContent? content, string? campaignId, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        using var response = await SendRawAsync(request, HttpCompletionOption.ResponseContentRead, ct);
        await ThrowIfFailed(response, campaignId, ct);
        return (await response.Content.ReadFromJsonAsync<T>(Json, ct))!;
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpRequestMessage request, HttpCompletionOption completion, CancellationToken ct)
    {
        try { return await _http.SendAsync(request, completion, ct); }
        catch (HttpRequestException e) when (e.StatusCode is null)
        {
            throw new CampaignRequestException("--server", $"cannot reach {Description}: {e.Message}");
        }
    }

    private async Task ThrowIfFailed(HttpResponseMessage response, string? campaignId, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode) return;
        var text = await response.Content.ReadAsStringAsync(ct);
        string? title = null, detail = null, field = null, reason = null;
        try
        {
            var p = JsonDocument.Parse(text).RootElement;
            title = p.TryGetProperty("title", out var t) ? t.GetString() : null;
            detail = p.TryGetProperty("detail", out var d) ? d.GetString() : null;
            if (p.TryGetProperty("errors", out var errors))
                foreach (var e in errors.EnumerateObject())
                {
                    field = e.Name;
                    reason = string.Join("; ", e.Value.EnumerateArray().Select(x => x.GetString()));
                    break;
                }
        }
        catch (JsonException) { }
        throw response.StatusCode switch
        {
            HttpStatusCode.BadRequest when field is not null => new CampaignRequestException(field, reason ?? "invalid"),
            HttpStatusCode.Unauthorized => new CampaignRequestException("--api-key", $"{Description} refused the key ({title})"),
            HttpStatusCode.Forbidden => new CampaignRequestException("--api-key", $"{title ?? "forbidden"}: {detail}"),
            HttpStatusCode.NotFound when campaignId is not null => new CampaignRequestException(campaignId, detail ?? "not found"),
            HttpStatusCode.RequestEntityTooLarge => new CampaignRequestException("--expression", detail ?? "upload too large"),
            HttpStatusCode.Conflict => new CampaignRequestException(campaignId ?? "campaign", detail ?? title ?? "conflict"),
            _ => new HttpRequestException($"{Description} answered {(int)response.StatusCode} {title} {detail}".Trim()),
        };
    }

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        return ValueTask.CompletedTask;
    }

    private sealed record DetailsDto(CampaignInfo Campaign, double Progress, IReadOnlyList<RoundProgress> Rounds);
}
