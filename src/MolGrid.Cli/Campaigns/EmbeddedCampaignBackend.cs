using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MolGrid.Grains;
using MolGrid.Grains.Configuration;
using MolGrid.Grains.Planning;
using MolGrid.Server.Candidates;

namespace MolGrid.Cli.Campaigns;

/// <summary>
/// The campaign commands against the embedded grid in this process (one in-process Orleans silo, SQLite in the
/// data directory). Commands that run work (submit, watch) start the silo, whose keeper resumes every unfinished
/// campaign of the data directory; read-only commands open only the store, so they never drive a campaign
/// another process is running.
/// </summary>
public sealed class EmbeddedCampaignBackend : ICampaignBackend
{
    private const int ExportPageSize = 1000;
    private readonly IHost _host;
    private readonly ICampaignService _campaigns;

    private EmbeddedCampaignBackend(IHost host, string dataDir)
    {
        _host = host;
        _campaigns = host.Services.GetRequiredService<ICampaignService>();
        Description = $"embedded grid in {dataDir}";
    }

    public string Description { get; }

    public static async Task<EmbeddedCampaignBackend> StartAsync(string dataDir, bool runWork, CancellationToken ct)
    {
        Directory.CreateDirectory(dataDir);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = dataDir, DisableDefaults = true });
        builder.Logging.ClearProviders();
        // Warnings (a silo falling behind, batches sent again) go to stderr so a slow campaign says why;
        // MOLGRID_LOG_LEVEL=Information or Debug shows the grid's inner workings.
        builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss.fff "; });
        builder.Logging.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        var chosen = Enum.TryParse<LogLevel>(Environment.GetEnvironmentVariable("MOLGRID_LOG_LEVEL"), true, out var level);
        builder.Logging.SetMinimumLevel(chosen ? level : LogLevel.Warning);
        builder.Services.AddSingleton(new DesignPlanOptions { SpecDirectory = Path.Combine(MolGridPaths.Samples, "design") });
        if (runWork) builder.Services.AddMolGridEmbedded(dataDir);
        else builder.Services.AddMolGridStoreOnly(StoreAddress.Sqlite(Path.Combine(dataDir, "grid.db")));
        var host = builder.Build();
        await host.StartAsync(ct);
        return new EmbeddedCampaignBackend(host, dataDir);
    }

    public Task<CampaignInfo> SubmitAsync(string spec, string? expressionFileName, byte[]? expressionData, CancellationToken ct) =>
        _campaigns.SubmitAsync(new CampaignSubmission(spec, Environment.UserName, expressionFileName, expressionData), ct);

    public async Task<(CampaignInfo Info, IReadOnlyList<RoundProgress> Rounds)> GetAsync(string id, CancellationToken ct)
    {
        var info = await _campaigns.GetAsync(id, ct) ?? throw new CampaignRequestException(id, "no such campaign");
        return (info, await _campaigns.GetProgressAsync(id, ct));
    }

    public async Task<CampaignInfo> CancelAsync(string id, CancellationToken ct)
    {
        var (info, _) = await GetAsync(id, ct);
        if (!await _campaigns.CancelAsync(id, ct)) throw new CampaignRequestException(id, $"already {info.Status}");
        return (await _campaigns.GetAsync(id, ct))!;
    }

    public async IAsyncEnumerable<(CampaignInfo Info, RoundProgress? Round)> WatchAsync(string id, [EnumeratorCancellation] CancellationToken ct)
    {
        var (info, _) = await GetAsync(id, ct);
        var lastRound = 0;
        yield return (info, null);
        while (true)
        {
            // Only the new rounds: re-reading every round each 250 ms grew with the campaign (1,220 rounds at 20,000 calls).
            foreach (var r in await _campaigns.GetProgressAfterAsync(id, lastRound, ct))
                if (r.Round > lastRound) { lastRound = r.Round; yield return (info, r); }
            var now = (await _campaigns.GetAsync(id, ct))!;
            if (now.Status is CampaignStatus.Completed or CampaignStatus.Cancelled or CampaignStatus.Failed)
            {
                // Its last rounds may have been recorded between the round read above and this status read.
                foreach (var r in await _campaigns.GetProgressAfterAsync(id, lastRound, ct))
                    if (r.Round > lastRound) { lastRound = r.Round; yield return (info, r); }
                yield return (now, null);
                yield break;
            }
            if (now != info) { info = now; yield return (info, null); }
            await Task.Delay(250, ct);
        }
    }

    public async Task<CandidatePage> QueryAsync(string id, CandidateFilterArgs f, int page, int pageSize, CancellationToken ct)
    {
        await GetAsync(id, ct);
        return await _campaigns.QueryCandidatesAsync(id, Parse(f, page, pageSize), ct);
    }

    public async Task ExportAsync(string id, string format, CandidateFilterArgs f, Stream output, CancellationToken ct)
    {
        await GetAsync(id, ct);
        var rows = await _campaigns.ExportCandidatesAsync(id, Parse(f, 1, ExportPageSize), CandidatesApi.MaxExportRows, ct);
        await using var writer = new StreamWriter(output, new UTF8Encoding(false), leaveOpen: true);
        if (format == "csv") await CandidateExport.WriteCsvAsync(writer, rows, ct);
        else await CandidateExport.WriteSdfAsync(writer, rows, ct);
    }

    private static CandidateQuery Parse(CandidateFilterArgs f, int page, int pageSize) =>
        CandidateQueryParser.Parse(page.ToString(), pageSize.ToString(), f.Sort, f.Order, f.Filters, f.Substructure, f.SimilarTo,
            f.MinSimilarity?.ToString("R", System.Globalization.CultureInfo.InvariantCulture), ExportPageSize);

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await _host.StopAsync(stop.Token);
        _host.Dispose();
    }
}
