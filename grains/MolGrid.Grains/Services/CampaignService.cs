using System.Text.Json;
using MolGrid.Grains.Planning;
using MolGrid.Grains.Store;
using MolGrid.Molecules;

namespace MolGrid.Grains.Services;

/// <summary>
/// <see cref="ICampaignService"/> over the grid store: submissions are validated by building their plan, stored
/// as Queued and handed to the <see cref="ICampaignLauncher"/> (a campaign grain on Orleans; nothing in a process
/// that runs no work, where the next silo on the store picks it up). Queries read the store, so any host sees
/// the same campaigns.
/// </summary>
internal sealed class CampaignService(GridStore store, CampaignPlanner planner, ICampaignLauncher launcher) : ICampaignService
{
    public async Task<CampaignInfo> SubmitAsync(CampaignSubmission submission, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(submission.Spec)) throw new InvalidInputException("spec", "the campaign spec is empty");
        if (string.IsNullOrWhiteSpace(submission.Owner)) throw new InvalidInputException("owner", "a campaign needs an owner");
        var plan = planner.Create(submission.Spec, submission);
        var row = NewRow(plan, submission);
        await store.InsertCampaignAsync(row, cancellationToken);
        await launcher.LaunchAsync(row.Id, cancellationToken);
        return row.ToInfo();
    }

    /// <summary>The row of a new, queued campaign (also used by the Orleans submission path).</summary>
    internal static CampaignRow NewRow(CampaignPlan plan, CampaignSubmission submission) => new()
    {
        Id = $"c{DateTimeOffset.UtcNow:yyyyMMddHHmmss}-{Guid.NewGuid().ToString("N")[..8]}",
        Name = plan.Name, Owner = submission.Owner, Spec = submission.Spec,
        ExpressionFile = submission.ExpressionFileName, ExpressionData = submission.ExpressionData,
        Status = nameof(CampaignStatus.Queued), Budget = plan.Budget, CreatedAt = GridStore.Now,
    };

    public async Task<IReadOnlyList<CampaignInfo>> ListAsync(string? owner, CancellationToken cancellationToken) =>
        (await store.ListCampaignsAsync(owner, cancellationToken)).Select(r => r.ToInfo()).ToList();

    public async Task<CampaignListPage> ListPageAsync(string? owner, int page, int pageSize, CancellationToken cancellationToken)
    {
        if (page < 1) throw new InvalidInputException("page", "must be 1 or more");
        if (pageSize < 1) throw new InvalidInputException("pageSize", "must be 1 or more");
        var (total, rows) = await store.ListCampaignsPageAsync(owner, (long)(page - 1) * pageSize, pageSize, cancellationToken);
        return new CampaignListPage(total, rows.Select(r => r.ToInfo()).ToList());
    }

    public async Task<CampaignInfo?> GetAsync(string campaignId, CancellationToken cancellationToken) =>
        (await store.GetCampaignSummaryAsync(campaignId, cancellationToken))?.ToInfo();

    public Task<bool> CancelAsync(string campaignId, CancellationToken cancellationToken) => launcher.CancelAsync(campaignId, cancellationToken);

    public async Task<IReadOnlyList<RoundProgress>> GetProgressAfterAsync(string campaignId, int afterRound, CancellationToken cancellationToken) =>
        (await store.GetRoundsAsync(campaignId, cancellationToken, afterRound)).Select(r => r.ToProgress()).ToList();

    public async Task<IReadOnlyList<RoundProgress>> GetProgressAsync(string campaignId, CancellationToken cancellationToken) =>
        (await store.GetRoundsAsync(campaignId, cancellationToken)).Select(r => r.ToProgress()).ToList();

    public async Task<CandidatePage> QueryCandidatesAsync(string campaignId, CandidateQuery query, CancellationToken cancellationToken)
    {
        if (query.Page < 1) throw new InvalidInputException("page", "must be 1 or more");
        if (query.PageSize is < 1 or > 1000) throw new InvalidInputException("pageSize", "must be between 1 and 1000");
        // In long arithmetic: (page - 1) * pageSize overflows int for large pages and would wrap to page 1's rows.
        var skip = (long)(query.Page - 1) * query.PageSize;
        var (total, page) = await FilteredAsync(campaignId, query, skip, query.PageSize, cancellationToken);
        return new CandidatePage(query.Page, query.PageSize, total, page);
    }

    public async Task<IReadOnlyList<Candidate>> ExportCandidatesAsync(string campaignId, CandidateQuery query, int maxRows, CancellationToken cancellationToken)
    {
        if (maxRows < 1) throw new InvalidInputException("maxRows", "must be 1 or more");
        return (await FilteredAsync(campaignId, query, 0, maxRows, cancellationToken)).Items;
    }

    /// <summary>
    /// <paramref name="take"/> of the campaign's candidates after the query's filters, in its sort order, from
    /// <paramref name="skip"/>, and how many pass. Value windows, sort and paging run in the database and only the
    /// page's rows are read; a substructure or similarity filter then tests the SMILES that pass the windows (key
    /// and SMILES only, fingerprints from <see cref="CandidateFingerprints"/>) before the page's rows are read.
    /// </summary>
    private async Task<(int Total, List<Candidate> Items)> FilteredAsync(string campaignId, CandidateQuery query, long skip, int take, CancellationToken cancellationToken)
    {
        if (query.MinSimilarity is < 0 or > 1) throw new InvalidInputException("minSimilarity", "must be between 0 and 1");
        var filter = new CandidateFilter(query.Ranges, query.SortBy, query.Descending);
        var substructure = !string.IsNullOrWhiteSpace(query.Substructure);
        var similar = !string.IsNullOrWhiteSpace(query.SimilarTo);
        if (!substructure && !similar)
        {
            var (total, rows) = await store.QueryCandidatesAsync(campaignId, filter, skip, take, cancellationToken);
            return (total, rows.Select(ToCandidate).ToList());
        }

        using var pattern = substructure ? MoleculeParser.ParseSmarts(query.Substructure!) : null;
        BitFingerprint? reference = null;
        if (similar)
            using (var r = MoleculeParser.ParseSmiles(query.SimilarTo!)) reference = Fingerprints.MorganBits(r, 2, 2048);
        var passing = new List<(string Key, long Rank)>();
        foreach (var (key, smiles, rank) in await store.CandidateKeysAsync(campaignId, filter, cancellationToken))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (Matches(key, smiles, pattern, reference, query.MinSimilarity)) passing.Add((key, rank));
        }
        var page = skip >= passing.Count ? [] : passing.Skip((int)skip).Take(take).ToList();
        var ranks = page.ToDictionary(p => p.Key, p => p.Rank, StringComparer.Ordinal);
        var pageRows = await store.CandidatesByKeyAsync(campaignId, page.Select(p => p.Key).ToList(), cancellationToken);
        return (passing.Count, pageRows.Select(r => ToCandidate(r with { Rank = ranks[r.MoleculeKey] })).ToList());
    }

    /// <summary>The substructure and similarity tests; the molecule is parsed only when the substructure test needs
    /// it or its fingerprint is not cached. A SMILES that does not parse passes neither.</summary>
    private static bool Matches(string key, string smiles, Molecule? pattern, BitFingerprint? reference, double minSimilarity)
    {
        var fp = reference is null ? null : CandidateFingerprints.Shared.Get(key);
        if (pattern is null && fp is not null) return Similarity.Tanimoto(fp, reference!) >= minSimilarity;
        if (!MoleculeParser.TryParseSmiles(smiles, out var mol, out _)) return false;
        using (mol)
        {
            if (pattern is not null && !Substructure.HasMatch(mol!, pattern)) return false;
            if (reference is null) return true;
            fp ??= CandidateFingerprints.Shared.Add(key, Fingerprints.MorganBits(mol!, 2, 2048));
            return Similarity.Tanimoto(fp, reference) >= minSimilarity;
        }
    }

    public async Task<Candidate?> GetCandidateAsync(string campaignId, string moleculeKey, CancellationToken cancellationToken) =>
        await store.GetRankedCandidateAsync(campaignId, moleculeKey, cancellationToken) is { } row ? ToCandidate(row) : null;

    private static Candidate ToCandidate(CandidateRow r) => new(r.MoleculeKey, r.Smiles, (int)r.Rank, r.Score, r.Round,
        JsonSerializer.Deserialize<Dictionary<string, double>>(r.ComponentsJson, StoreJson.Options)!,
        JsonSerializer.Deserialize<Dictionary<string, double>>(r.DescriptorsJson, StoreJson.Options)!, r.Error);

    /// <summary>Rank 1 is the best score; failed molecules rank last; ties break on SMILES so ranks are stable.</summary>
    internal static IReadOnlyList<Candidate> Rank(IReadOnlyList<CandidateRow> rows) =>
        rows.OrderBy(r => r.Error is null ? 0 : 1).ThenByDescending(r => r.Score).ThenBy(r => r.Smiles, StringComparer.Ordinal)
            .Select((r, i) => new Candidate(r.MoleculeKey, r.Smiles, i + 1, r.Score, r.Round,
                JsonSerializer.Deserialize<Dictionary<string, double>>(r.ComponentsJson, StoreJson.Options)!,
                JsonSerializer.Deserialize<Dictionary<string, double>>(r.DescriptorsJson, StoreJson.Options)!, r.Error))
            .ToList();
}
