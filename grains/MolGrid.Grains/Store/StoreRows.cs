namespace MolGrid.Grains.Store;

// Rows as stored; column names map by Dapper's case-insensitive matching of snake_case aliases in queries.

internal sealed record CampaignRow
{
    public string Id { get; init; } = "";
    public string Name { get; init; } = "";
    public string Owner { get; init; } = "";
    public string Spec { get; init; } = "";
    public string? ExpressionFile { get; init; }
    public byte[]? ExpressionData { get; init; }
    public string Status { get; init; } = nameof(CampaignStatus.Queued);
    public int Round { get; init; }
    public int OracleCalls { get; init; }
    public int Budget { get; init; }
    public double? BestScore { get; init; }
    public long CreatedAt { get; init; }
    public long? FinishedAt { get; init; }
    public string? Error { get; init; }
    public string? StateJson { get; init; }
    public string? LeaseOwner { get; init; }
    public long LeaseUntil { get; init; }
    public int CancelRequested { get; init; }

    public CampaignInfo ToInfo() => new(Id, Name, Owner, Enum.Parse<CampaignStatus>(Status), Round, OracleCalls, Budget, BestScore,
        DateTimeOffset.FromUnixTimeMilliseconds(CreatedAt), FinishedAt is { } f ? DateTimeOffset.FromUnixTimeMilliseconds(f) : null, Error);
}

internal sealed record RoundRow
{
    public string CampaignId { get; init; } = "";
    public int Round { get; init; }
    public int OracleCalls { get; init; }
    public double BestScore { get; init; }
    public double MeanScore { get; init; }
    public double BestSoFar { get; init; }
    public long At { get; init; }
    public int Batches { get; init; }
    public int FailedBatches { get; init; }

    public RoundProgress ToProgress() => new(Round, OracleCalls, BestScore, MeanScore, BestSoFar, DateTimeOffset.FromUnixTimeMilliseconds(At));
}

internal sealed record CandidateRow
{
    public string CampaignId { get; init; } = "";
    public string MoleculeKey { get; init; } = "";
    public string Smiles { get; init; } = "";
    public double Score { get; init; }
    public int Round { get; init; }
    public string ComponentsJson { get; init; } = "{}";
    public string DescriptorsJson { get; init; } = "{}";
    public string? Error { get; init; }
}

internal sealed record BatchResultRow
{
    public string CampaignId { get; init; } = "";
    public int Round { get; init; }
    public string BatchId { get; init; } = "";
    public string Capability { get; init; } = "";
    public string SiloId { get; init; } = "";
    public string ResultsJson { get; init; } = "[]";
    public string? Error { get; init; }
    public long CompletedAt { get; init; }
}
