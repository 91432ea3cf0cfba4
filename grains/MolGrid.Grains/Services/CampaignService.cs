using System.Text.Json;
using MolGrid.Grains.Planning;
using MolGrid.Grains.Silo;
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

    public async Task<IReadOnlyList<RoundProgress>> GetProgressAsync(string campaignId, CancellationToken cancellationToken) =>
        (await store.GetRoundsAsync(campaignId, cancellationToken)).Select(r => r.ToProgress()).ToList();

    public async Task<CandidatePage> QueryCandidatesAsync(string campaignId, CandidateQuery query, CancellationToken cancellationToken)
    {
        if (query.Page < 1) throw new InvalidInputException("page", "must be 1 or more");
        if (query.PageSize is < 1 or > 1000) throw new InvalidInputException("pageSize", "must be between 1 and 1000");
        var sorted = await FilteredAsync(campaignId, query, cancellationToken);
        // In long arithmetic: (page - 1) * pageSize overflows int for large pages and would wrap to page 1's rows.
        var skip = (long)(query.Page - 1) * query.PageSize;
        List<Candidate> page = skip >= sorted.Count ? [] : sorted.Skip((int)skip).Take(query.PageSize).ToList();
        return new CandidatePage(query.Page, query.PageSize, sorted.Count, page);
    }

    public async Task<IReadOnlyList<Candidate>> ExportCandidatesAsync(string campaignId, CandidateQuery query, int maxRows, CancellationToken cancellationToken)
    {
        if (maxRows < 1) throw new InvalidInputException("maxRows", "must be 1 or more");
        var sorted = await FilteredAsync(campaignId, query, cancellationToken);
        return sorted.Count <= maxRows ? sorted : sorted.Take(maxRows).ToList();
    }

    /// <summary>The campaign's ranked candidates after the query's filters, in its sort order.</summary>
    private async Task<List<Candidate>> FilteredAsync(string campaignId, CandidateQuery query, CancellationToken cancellationToken)
    {
        if (query.MinSimilarity is < 0 or > 1) throw new InvalidInputException("minSimilarity", "must be between 0 and 1");
        var ranked = Rank(await store.GetCandidatesAsync(campaignId, cancellationToken));
        IEnumerable<Candidate> items = ranked;
        if (query.Ranges is { Count: > 0 } ranges)
            items = items.Where(c => ranges.All(r => Value(c, r.Key) is { } v && (r.Value.Min is not { } lo || v >= lo) && (r.Value.Max is not { } hi || v <= hi)));
        if (!string.IsNullOrWhiteSpace(query.Substructure))
        {
            using var pattern = MoleculeParser.ParseSmarts(query.Substructure);
            items = items.Where(c => WithMolecule(c.Smiles, m => Substructure.HasMatch(m, pattern))).ToList();
        }
        if (!string.IsNullOrWhiteSpace(query.SimilarTo))
        {
            BitFingerprint reference;
            using (var r = MoleculeParser.ParseSmiles(query.SimilarTo)) reference = Fingerprints.MorganBits(r, 2, 2048);
            items = items.Where(c => WithMolecule(c.Smiles, m => Similarity.Tanimoto(Fingerprints.MorganBits(m, 2, 2048), reference) >= query.MinSimilarity)).ToList();
        }
        return Sort(items, query.SortBy, query.Descending).ToList();
    }

    public async Task<Candidate?> GetCandidateAsync(string campaignId, string moleculeKey, CancellationToken cancellationToken) =>
        Rank(await store.GetCandidatesAsync(campaignId, cancellationToken)).FirstOrDefault(c => c.MoleculeKey == moleculeKey);

    /// <summary>Rank 1 is the best score; failed molecules rank last; ties break on SMILES so ranks are stable.</summary>
    internal static IReadOnlyList<Candidate> Rank(IReadOnlyList<CandidateRow> rows) =>
        rows.OrderBy(r => r.Error is null ? 0 : 1).ThenByDescending(r => r.Score).ThenBy(r => r.Smiles, StringComparer.Ordinal)
            .Select((r, i) => new Candidate(r.MoleculeKey, r.Smiles, i + 1, r.Score, r.Round,
                JsonSerializer.Deserialize<Dictionary<string, double>>(r.ComponentsJson, StoreJson.Options)!,
                JsonSerializer.Deserialize<Dictionary<string, double>>(r.DescriptorsJson, StoreJson.Options)!, r.Error))
            .ToList();

    private static double? Value(Candidate c, string name) => name switch
    {
        "score" => c.Score,
        "rank" => c.Rank,
        "round" => c.Round,
        _ => c.Components.TryGetValue(name, out var v) ? v : c.Descriptors.TryGetValue(name, out var d) ? d : null,
    };

    private static IEnumerable<Candidate> Sort(IEnumerable<Candidate> items, string sortBy, bool descending)
    {
        if (sortBy is "smiles") return descending ? items.OrderByDescending(c => c.Smiles, StringComparer.Ordinal) : items.OrderBy(c => c.Smiles, StringComparer.Ordinal);
        var key = string.IsNullOrWhiteSpace(sortBy) ? "score" : sortBy;
        // Molecules without the value sort last either way; ties keep rank order.
        var ordered = items.OrderBy(c => Value(c, key) is null ? 1 : 0);
        ordered = descending ? ordered.ThenByDescending(c => Value(c, key) ?? 0) : ordered.ThenBy(c => Value(c, key) ?? 0);
        return ordered.ThenBy(c => c.Rank);
    }

    private static bool WithMolecule(string smiles, Func<Molecule, bool> test)
    {
        if (!MoleculeParser.TryParseSmiles(smiles, out var mol, out _)) return false;
        using (mol) return test(mol!);
    }
}
