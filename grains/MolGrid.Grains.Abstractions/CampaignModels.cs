namespace MolGrid.Grains;

/// <summary>A campaign as submitted: the design spec (YAML or JSON text, the same format as
/// `molgrid design run SPEC.yaml`), who submits it, and an optional expression matrix for target selection.</summary>
public sealed record CampaignSubmission(string Spec, string Owner, string? ExpressionFileName = null, byte[]? ExpressionData = null);

public enum CampaignStatus { Queued, Running, Completed, Cancelled, Failed }

public sealed record CampaignInfo(
    string Id,
    string Name,
    string Owner,
    CampaignStatus Status,
    int Round,
    int OracleCalls,
    int Budget,
    double? BestScore,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FinishedAt,
    string? Error);

/// <summary>Scores of one finished round: best and mean total of the molecules scored in it.</summary>
public sealed record RoundProgress(int Round, int OracleCalls, double BestScore, double MeanScore, double BestSoFar, DateTimeOffset At);

/// <summary>A scored molecule of a campaign, with every component value and descriptor.</summary>
public sealed record Candidate(
    string MoleculeKey,
    string Smiles,
    int Rank,
    double Score,
    int Round,
    IReadOnlyDictionary<string, double> Components,
    IReadOnlyDictionary<string, double> Descriptors,
    string? Error);

/// <summary>Filters and paging for candidate queries. Ranges apply to any component or descriptor name
/// (e.g. "qed", "mw"); <see cref="Substructure"/> is SMARTS; <see cref="SimilarTo"/> a SMILES with
/// <see cref="MinSimilarity"/> as Tanimoto threshold (Morgan radius 2, 2048 bits).</summary>
public sealed record CandidateQuery(
    int Page = 1,
    int PageSize = 50,
    string SortBy = "score",
    bool Descending = true,
    IReadOnlyDictionary<string, ValueRange>? Ranges = null,
    string? Substructure = null,
    string? SimilarTo = null,
    double MinSimilarity = 0.0);

public readonly record struct ValueRange(double? Min, double? Max);

public sealed record CandidatePage(int Page, int PageSize, int Total, IReadOnlyList<Candidate> Items);

/// <summary>A page of campaigns, newest first, and how many there are in all.</summary>
public sealed record CampaignListPage(int Total, IReadOnlyList<CampaignInfo> Items);
