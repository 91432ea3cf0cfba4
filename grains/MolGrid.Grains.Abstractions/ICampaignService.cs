namespace MolGrid.Grains;

/// <summary>
/// What hosts (CLI, HTTP API) ask of the grid about campaigns. Implemented in grains/MolGrid.Grains for the
/// embedded grid (one in-process silo, SQLite) and an Orleans cluster (PostgreSQL) alike.
/// </summary>
public interface ICampaignService
{
    /// <summary>Validates and stores the campaign, then starts it. Throws <see cref="InvalidInputException"/>
    /// naming the spec key for a bad spec; nothing is stored in that case.</summary>
    Task<CampaignInfo> SubmitAsync(CampaignSubmission submission, CancellationToken cancellationToken);

    Task<IReadOnlyList<CampaignInfo>> ListAsync(string? owner, CancellationToken cancellationToken);

    /// <summary>One page (1-based) of the campaigns, newest first (ties by id). The default pages through
    /// <see cref="ListAsync"/>; the grid's own service asks the store for just the page.</summary>
    async Task<CampaignListPage> ListPageAsync(string? owner, int page, int pageSize, CancellationToken cancellationToken)
    {
        var all = await ListAsync(owner, cancellationToken);
        var skip = (long)(page - 1) * pageSize;
        IReadOnlyList<CampaignInfo> items = skip >= all.Count ? [] :
            all.OrderByDescending(c => c.CreatedAt).ThenBy(c => c.Id, StringComparer.Ordinal).Skip((int)skip).Take(pageSize).ToList();
        return new CampaignListPage(all.Count, items);
    }

    /// <summary>Null when no such campaign.</summary>
    Task<CampaignInfo?> GetAsync(string campaignId, CancellationToken cancellationToken);

    /// <summary>Stops a running campaign after its current round; false when there is no such campaign
    /// or it has already finished.</summary>
    Task<bool> CancelAsync(string campaignId, CancellationToken cancellationToken);

    /// <summary>Per-round progress, oldest first (for charts and server-sent events).</summary>
    Task<IReadOnlyList<RoundProgress>> GetProgressAsync(string campaignId, CancellationToken cancellationToken);

    /// <summary>A page of the campaign's ranked candidates after the filters.</summary>
    Task<CandidatePage> QueryCandidatesAsync(string campaignId, CandidateQuery query, CancellationToken cancellationToken);

    /// <summary>Every candidate that passes the query's filters, in its order, at most <paramref name="maxRows"/>
    /// (the query's page and page size are ignored). The default pages through <see cref="QueryCandidatesAsync"/>;
    /// the grid's own service filters once.</summary>
    async Task<IReadOnlyList<Candidate>> ExportCandidatesAsync(string campaignId, CandidateQuery query, int maxRows, CancellationToken cancellationToken)
    {
        const int pageSize = 1000;
        var rows = new List<Candidate>();
        for (var p = 1; rows.Count < maxRows; p++)
        {
            var page = await QueryCandidatesAsync(campaignId, query with { Page = p, PageSize = pageSize }, cancellationToken);
            rows.AddRange(page.Items.Take(maxRows - rows.Count));
            if (page.Items.Count < pageSize || rows.Count >= page.Total) break;
        }
        return rows;
    }

    /// <summary>One candidate's full record, or null.</summary>
    Task<Candidate?> GetCandidateAsync(string campaignId, string moleculeKey, CancellationToken cancellationToken);
}
