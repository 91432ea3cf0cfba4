using MolGrid.Grains;

namespace MolGrid.Cli.Campaigns;

/// <summary>What `molgrid campaign` needs from a grid: a remote server (HTTP API) or the embedded grid in this process.</summary>
public interface ICampaignBackend : IAsyncDisposable
{
    /// <summary>Where the work happens, for messages ("http://host:8080", "embedded grid in DIR").</summary>
    string Description { get; }

    Task<CampaignInfo> SubmitAsync(string spec, string? expressionFileName, byte[]? expressionData, CancellationToken ct);

    Task<(CampaignInfo Info, IReadOnlyList<RoundProgress> Rounds)> GetAsync(string id, CancellationToken ct);

    Task<CampaignInfo> CancelAsync(string id, CancellationToken ct);

    /// <summary>Progress until the campaign ends: each update is the campaign now and the round just finished, if any.</summary>
    IAsyncEnumerable<(CampaignInfo Info, RoundProgress? Round)> WatchAsync(string id, CancellationToken ct);

    Task<CandidatePage> QueryAsync(string id, CandidateFilterArgs filters, int page, int pageSize, CancellationToken ct);

    /// <summary>Writes the export (format csv or sdf) of every candidate passing the filters.</summary>
    Task ExportAsync(string id, string format, CandidateFilterArgs filters, Stream output, CancellationToken ct);
}

/// <summary>Candidate filters as typed on the command line; validated by the server (or, embedded, by the same parser).</summary>
public sealed record CandidateFilterArgs(
    IReadOnlyList<string> Filters, string? Substructure, string? SimilarTo, double? MinSimilarity, string Sort, string? Order);
