using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using MolGrid.Grains;

namespace MolGrid.Server.Campaigns;

/// <summary>
/// Server-sent events of one campaign's progress: a "status" event first and whenever status or round
/// changes, a "round" event (id = round number) per finished round, and "done" when the campaign ends,
/// after which the stream closes. A reconnecting client's Last-Event-ID skips rounds it already has.
/// ICampaignService has no push, so the stream polls it at <see cref="MolGridServerOptions.ProgressPollInterval"/>.
/// </summary>
internal sealed class ProgressEventStream(ICampaignService campaigns, IOptions<MolGridServerOptions> options, IOptions<JsonOptions> json)
{
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    public async Task WriteAsync(HttpContext context, CampaignInfo first, CancellationToken ct)
    {
        var response = context.Response;
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";

        var lastRound = int.TryParse(context.Request.Headers["Last-Event-ID"], out var resumed) ? resumed : 0;
        var info = first;
        await SendAsync(response, "status", null, info, ct);
        var lastSent = DateTime.UtcNow;
        async Task SendNewRoundsAsync()
        {
            foreach (var round in await campaigns.GetProgressAfterAsync(info.Id, lastRound, ct))
            {
                if (round.Round <= lastRound) continue;
                await SendAsync(response, "round", round.Round.ToString(), round, ct);
                lastRound = round.Round;
                lastSent = DateTime.UtcNow;
            }
        }
        while (!ct.IsCancellationRequested)
        {
            await SendNewRoundsAsync();
            var now = await campaigns.GetAsync(info.Id, ct) ?? info;
            if (now.Status != info.Status || now.Round != info.Round || now.OracleCalls != info.OracleCalls)
            {
                info = now;
                await SendAsync(response, "status", null, info, ct);
                lastSent = DateTime.UtcNow;
            }
            if (CampaignDetails.IsFinished(info.Status))
            {
                // The last rounds may have been recorded between this pass's round read and its status read
                // (a fast campaign records its final round and finishes within one poll): send them first.
                await SendNewRoundsAsync();
                await SendAsync(response, "done", null, info, ct);
                return;
            }
            if (DateTime.UtcNow - lastSent > Heartbeat)
            {
                await response.WriteAsync(": keep-alive\n\n", ct);
                await response.Body.FlushAsync(ct);
                lastSent = DateTime.UtcNow;
            }
            await Task.Delay(options.Value.ProgressPollInterval, ct);
        }
    }

    private async Task SendAsync<T>(HttpResponse response, string evt, string? id, T data, CancellationToken ct)
    {
        var sb = new StringBuilder();
        sb.Append("event: ").Append(evt).Append('\n');
        if (id is not null) sb.Append("id: ").Append(id).Append('\n');
        // Serialised JSON holds no raw newlines, so one data line per event is enough.
        sb.Append("data: ").Append(JsonSerializer.Serialize(data, json.Value.SerializerOptions)).Append("\n\n");
        await response.WriteAsync(sb.ToString(), ct);
        await response.Body.FlushAsync(ct);
    }
}
