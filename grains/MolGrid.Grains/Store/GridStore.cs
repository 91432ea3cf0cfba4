using System.Data.Common;
using Dapper;
using MolGrid.Grains.Configuration;

namespace MolGrid.Grains.Store;

/// <summary>
/// Durable grid state in SQLite (embedded) or PostgreSQL (cluster): campaigns and their persisted design
/// state, round progress, candidates, batch results, and the score cache. Every query is
/// parameterised (Dapper); result writes are insert-if-absent so redelivered work never counts twice.
/// </summary>
internal sealed class GridStore
{
    private readonly SqlDialect _dialect;

    static GridStore() => DefaultTypeMap.MatchNamesWithUnderscores = true;

    public GridStore(StoreAddress address)
    {
        Address = address;
        if (address.Kind == StoreKind.Sqlite)
            Directory.CreateDirectory(Path.GetDirectoryName(address.Display["sqlite:".Length..])!);
        _dialect = SqlDialect.For(address);
        Migrations.Apply(_dialect);
    }

    public StoreAddress Address { get; }

    public static long Now => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    // ---- campaigns ----

    public async Task InsertCampaignAsync(CampaignRow c, CancellationToken ct) => await WriteAsync(ct, (conn, tx) => conn.ExecuteAsync("""
        INSERT INTO campaigns (id, name, owner, spec, expression_file, expression_data, status, round, oracle_calls, budget,
            best_score, created_at, finished_at, error, state_json, lease_owner, lease_until, cancel_requested)
        VALUES (@Id, @Name, @Owner, @Spec, @ExpressionFile, @ExpressionData, @Status, @Round, @OracleCalls, @Budget,
            @BestScore, @CreatedAt, @FinishedAt, @Error, @StateJson, @LeaseOwner, @LeaseUntil, @CancelRequested)
        """, c, tx));

    public async Task<CampaignRow?> GetCampaignAsync(string id, CancellationToken ct)
    {
        await using var conn = await _dialect.OpenAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<CampaignRow>("SELECT * FROM campaigns WHERE id = @id", new { id });
    }

    /// <summary>A campaign as it was submitted (spec, owner, uploads), for rebuilding its plan; null when unknown.</summary>
    public async Task<CampaignSubmission?> SubmissionAsync(string id, CancellationToken ct) =>
        await GetCampaignAsync(id, ct) is { } row ? new CampaignSubmission(row.Spec, row.Owner, row.ExpressionFile, row.ExpressionData) : null;

    /// <summary>Every column but the large ones (spec, uploaded expression data, design state), which status
    /// reads, listings and the campaign grain's per-round lease check do not need.</summary>
    private const string SummaryColumns = "id, name, owner, '' AS spec, status, round, oracle_calls, budget, best_score, created_at, finished_at, error, lease_owner, lease_until, cancel_requested";

    /// <summary>A campaign without its spec, uploads and design state (<see cref="CampaignRow.Spec"/> is empty).</summary>
    public async Task<CampaignRow?> GetCampaignSummaryAsync(string id, CancellationToken ct)
    {
        await using var conn = await _dialect.OpenAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<CampaignRow>($"SELECT {SummaryColumns} FROM campaigns WHERE id = @id", new { id });
    }

    public async Task<IReadOnlyList<CampaignRow>> ListCampaignsAsync(string? owner, CancellationToken ct)
    {
        await using var conn = await _dialect.OpenAsync(ct);
        var rows = owner is null
            ? await conn.QueryAsync<CampaignRow>($"SELECT {SummaryColumns} FROM campaigns ORDER BY created_at, id")
            : await conn.QueryAsync<CampaignRow>($"SELECT {SummaryColumns} FROM campaigns WHERE owner = @owner ORDER BY created_at, id", new { owner });
        return rows.AsList();
    }

    /// <summary>Campaigns newest first (ties by id), <paramref name="take"/> of them after <paramref name="skip"/>,
    /// and how many there are in all.</summary>
    public async Task<(int Total, IReadOnlyList<CampaignRow> Rows)> ListCampaignsPageAsync(string? owner, long skip, int take, CancellationToken ct)
    {
        await using var conn = await _dialect.OpenAsync(ct);
        var where = owner is null ? "" : "WHERE owner = @owner";
        var total = await conn.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM campaigns {where}", new { owner });
        var rows = skip >= total ? [] : (await conn.QueryAsync<CampaignRow>(
            $"SELECT {SummaryColumns} FROM campaigns {where} ORDER BY created_at DESC, id LIMIT @take OFFSET @skip", new { owner, take, skip })).AsList();
        return ((int)total, rows);
    }

    public async Task<bool> RequestCancelAsync(string id, CancellationToken ct) => await WriteAsync(ct, async (conn, tx) =>
    {
        // A campaign no live campaign grain holds (never started, or its silo died or was interrupted) is
        // cancelled at once; clearing the lease keeps a late writer from recording a round after it. A held one
        // stops after its current round.
        var orphaned = await conn.ExecuteAsync("""
            UPDATE campaigns SET status = 'Cancelled', cancel_requested = 1, finished_at = @now, lease_owner = NULL, lease_until = 0
            WHERE id = @id AND status IN ('Queued', 'Running') AND (lease_owner IS NULL OR lease_until < @now)
            """, new { id, now = Now }, tx);
        if (orphaned > 0) return true;
        return await conn.ExecuteAsync("UPDATE campaigns SET cancel_requested = 1 WHERE id = @id AND status IN ('Queued', 'Running')", new { id }, tx) > 0;
    });

    /// <summary>Takes or renews the lease; false when another live campaign grain activation holds it.</summary>
    public async Task<bool> TryLeaseAsync(string id, string me, TimeSpan lease, CancellationToken ct) => await WriteAsync(ct, async (conn, tx) =>
        await conn.ExecuteAsync("""
            UPDATE campaigns SET lease_owner = @me, lease_until = @until
            WHERE id = @id AND status IN ('Queued', 'Running') AND (lease_owner IS NULL OR lease_until < @now OR lease_owner = @me)
            """, new { id, me, now = Now, until = Now + (long)lease.TotalMilliseconds }, tx) > 0);

    /// <summary>Takes the lease from <paramref name="holder"/> whatever its expiry (the caller knows the holder is
    /// gone); false when someone else took it first.</summary>
    public async Task<bool> TakeOverLeaseAsync(string id, string holder, string me, TimeSpan lease, CancellationToken ct) => await WriteAsync(ct, async (conn, tx) =>
        await conn.ExecuteAsync("""
            UPDATE campaigns SET lease_owner = @me, lease_until = @until
            WHERE id = @id AND status IN ('Queued', 'Running') AND lease_owner = @holder
            """, new { id, me, holder, until = Now + (long)lease.TotalMilliseconds }, tx) > 0);

    public async Task ReleaseLeaseAsync(string id, string me, CancellationToken ct) => await WriteAsync(ct, (conn, tx) =>
        conn.ExecuteAsync("UPDATE campaigns SET lease_owner = NULL, lease_until = 0 WHERE id = @id AND lease_owner = @me", new { id, me }, tx));

    public async Task<bool> MarkRunningAsync(string id, string me, CancellationToken ct) => await WriteAsync(ct, async (conn, tx) =>
        await conn.ExecuteAsync("UPDATE campaigns SET status = 'Running' WHERE id = @id AND lease_owner = @me AND status IN ('Queued', 'Running')", new { id, me }, tx) > 0);

    public async Task<bool> FinishCampaignAsync(string id, string me, CampaignStatus status, string? error, CancellationToken ct) => await WriteAsync(ct, async (conn, tx) =>
        await conn.ExecuteAsync("""
            UPDATE campaigns SET status = @status, error = @error, finished_at = @now, lease_owner = NULL, lease_until = 0
            WHERE id = @id AND lease_owner = @me AND status IN ('Queued', 'Running')
            """, new { id, me, status = status.ToString(), error, now = Now }, tx) > 0);

    /// <summary>
    /// Commits one round atomically: the new design state (only if the stored round is still
    /// <paramref name="previousRound"/> and the lease is ours, so a round is recorded exactly once), its
    /// progress row, its candidates (insert-if-absent) and the removal of its batch results.
    /// </summary>
    public async Task<bool> SaveRoundAsync(string id, string me, int previousRound, string stateJson, int oracleCalls, double? bestScore,
        RoundRow progress, IReadOnlyList<CandidateRow> candidates, CancellationToken ct) => await WriteAsync(ct, async (conn, tx) =>
    {
        var advanced = await conn.ExecuteAsync("""
            UPDATE campaigns SET state_json = @stateJson, round = @round, oracle_calls = @oracleCalls, best_score = @bestScore, status = 'Running'
            WHERE id = @id AND round = @previousRound AND lease_owner = @me
            """, new { id, me, previousRound, stateJson, round = progress.Round, oracleCalls, bestScore }, tx);
        if (advanced == 0) return false;
        await conn.ExecuteAsync("""
            INSERT INTO campaign_rounds (campaign_id, round, oracle_calls, best_score, mean_score, best_so_far, at, batches, failed_batches)
            VALUES (@CampaignId, @Round, @OracleCalls, @BestScore, @MeanScore, @BestSoFar, @At, @Batches, @FailedBatches)
            ON CONFLICT (campaign_id, round) DO NOTHING
            """, progress, tx);
        await _dialect.InsertManyAsync(conn, tx, "candidates",
            [("campaign_id", "text"), ("molecule_key", "text"), ("smiles", "text"), ("score", "float8"), ("round", "int4"),
             ("components_json", "text"), ("descriptors_json", "text"), ("error", "text"), ("seq", "int8")],
            candidates.Select(c => new object?[] { c.CampaignId, c.MoleculeKey, c.Smiles, c.Score, c.Round, c.ComponentsJson, c.DescriptorsJson, c.Error, c.Seq }).ToList(),
            "ON CONFLICT (campaign_id, molecule_key) DO NOTHING");
        await conn.ExecuteAsync("DELETE FROM batch_results WHERE campaign_id = @id AND round <= @round", new { id, round = progress.Round }, tx);
        return true;
    });

    /// <summary>The campaign's round rows after round <paramref name="after"/> (all of them by default), oldest first.</summary>
    public async Task<IReadOnlyList<RoundRow>> GetRoundsAsync(string id, CancellationToken ct, int after = 0)
    {
        await using var conn = await _dialect.OpenAsync(ct);
        return (await conn.QueryAsync<RoundRow>("SELECT * FROM campaign_rounds WHERE campaign_id = @id AND round > @after ORDER BY round", new { id, after })).AsList();
    }

    public async Task<IReadOnlyList<CandidateRow>> GetCandidatesAsync(string id, CancellationToken ct)
    {
        await using var conn = await _dialect.OpenAsync(ct);
        return (await conn.QueryAsync<CandidateRow>("SELECT * FROM candidates WHERE campaign_id = @id", new { id })).AsList();
    }

    /// <summary>One page of the campaign's candidates after <paramref name="filter"/>, with their campaign ranks, and how
    /// many pass it; ranking, windows, sort and paging run in the database (<see cref="CandidateSql"/>).</summary>
    public async Task<(int Total, IReadOnlyList<CandidateRow> Rows)> QueryCandidatesAsync(string id, CandidateFilter filter, long skip, int take, CancellationToken ct)
    {
        var p = new DynamicParameters(new { id, skip, take });
        var (where, order) = CandidateSql.Clauses(_dialect, filter, p);
        await using var conn = await _dialect.OpenAsync(ct);
        var total = await conn.ExecuteScalarAsync<long>($"{CandidateSql.Ranked(_dialect)} SELECT COUNT(*) FROM ranked {where}", p);
        var rows = skip >= total ? [] : (await conn.QueryAsync<CandidateRow>(
            $"{CandidateSql.Ranked(_dialect)} SELECT * FROM ranked {where} {order} LIMIT @take OFFSET @skip", p)).AsList();
        return ((int)total, rows);
    }

    /// <summary>One candidate with its campaign rank; null when the campaign has no such candidate.</summary>
    public async Task<CandidateRow?> GetRankedCandidateAsync(string id, string key, CancellationToken ct)
    {
        await using var conn = await _dialect.OpenAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<CandidateRow>($"{CandidateSql.Ranked(_dialect)} SELECT * FROM ranked WHERE molecule_key = @key", new { id, key });
    }

    /// <summary>Key, SMILES and rank of every candidate that passes <paramref name="filter"/>, in its order: what a
    /// substructure or similarity filter then tests molecule by molecule, without the rows' JSON.</summary>
    public async Task<IReadOnlyList<(string MoleculeKey, string Smiles, long Rank)>> CandidateKeysAsync(string id, CandidateFilter filter, CancellationToken ct)
    {
        var p = new DynamicParameters(new { id });
        var (where, order) = CandidateSql.Clauses(_dialect, filter, p);
        await using var conn = await _dialect.OpenAsync(ct);
        return (await conn.QueryAsync<(string, string, long)>($"{CandidateSql.Ranked(_dialect)} SELECT molecule_key, smiles, rank FROM ranked {where} {order}", p)).AsList();
    }

    /// <summary>The candidates with these keys (primary-key lookups; <see cref="CandidateRow.Rank"/> left 0), in the
    /// order of <paramref name="keys"/>.</summary>
    public async Task<IReadOnlyList<CandidateRow>> CandidatesByKeyAsync(string id, IReadOnlyList<string> keys, CancellationToken ct)
    {
        if (keys.Count == 0) return [];
        var found = new Dictionary<string, CandidateRow>(StringComparer.Ordinal);
        await using var conn = await _dialect.OpenAsync(ct);
        foreach (var chunk in keys.Chunk(_dialect.InListMax))
            foreach (var row in await conn.QueryAsync<CandidateRow>(
                         $"SELECT * FROM candidates WHERE campaign_id = @id AND {_dialect.InList("molecule_key", "chunk")}", new { id, chunk }))
                found[row.MoleculeKey] = row;
        return keys.Where(found.ContainsKey).Select(k => found[k]).ToList();
    }

    /// <summary>The campaign's candidates in the order first scored: its design history, read when an activation
    /// resumes from a checkpoint (<see cref="Orchestration.DesignCheckpoint"/>).</summary>
    public async Task<IReadOnlyList<CandidateRow>> GetScoredHistoryAsync(string id, CancellationToken ct)
    {
        await using var conn = await _dialect.OpenAsync(ct);
        return (await conn.QueryAsync<CandidateRow>(
            "SELECT smiles, score, components_json, error, seq FROM candidates WHERE campaign_id = @id ORDER BY seq", new { id })).AsList();
    }

    /// <summary>Numbers a legacy campaign's candidates in the order of its stored history (its state_json still holds
    /// every scored molecule), once, so its next checkpoint can be resumed from the candidates alone.</summary>
    public async Task BackfillCandidateOrderAsync(string id, IReadOnlyList<string> smilesInOrder, CancellationToken ct) => await WriteAsync(ct, async (conn, tx) =>
    {
        // By key (the primary key), which is how the round commit derived each row from its SMILES.
        var rows = smilesInOrder.Select((s, i) => new { id, key = Molecules.MoleculeKey.FromCanonicalSmiles(s), seq = (long)i }).ToList();
        await conn.ExecuteAsync("UPDATE candidates SET seq = @seq WHERE campaign_id = @id AND molecule_key = @key AND seq IS NULL", rows, tx);
    });

    public async Task<CandidateRow?> GetCandidateAsync(string id, string key, CancellationToken ct)
    {
        await using var conn = await _dialect.OpenAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<CandidateRow>("SELECT * FROM candidates WHERE campaign_id = @id AND molecule_key = @key", new { id, key });
    }

    // ---- batches ----

    /// <summary>
    /// A silo's one commit per batch: the newly computed component values into the score cache and the batch's
    /// results, both insert-if-absent. Commits without waiting for the WAL flush where the dialect allows it: a
    /// result lost to a database crash is only recomputed (the campaign grain re-sends a round's missing batches).
    /// </summary>
    public async Task<bool> CompleteBatchAsync(BatchResultRow r, IReadOnlyList<(string Component, string Version, IReadOnlyList<(string Key, double? Value, string? Error)> Values)> cache,
        CancellationToken ct) => await WriteAsync(ct, async (conn, tx) =>
    {
        if (_dialect.RelaxedCommitSql is { } relaxed) await conn.ExecuteAsync(relaxed, transaction: tx);
        foreach (var (component, version, values) in cache) await InsertCacheAsync(conn, tx, component, version, values);
        return await conn.ExecuteAsync("""
            INSERT INTO batch_results (campaign_id, round, batch_id, capability, silo_id, results_json, error, completed_at)
            VALUES (@CampaignId, @Round, @BatchId, @Capability, @SiloId, @ResultsJson, @Error, @CompletedAt)
            ON CONFLICT (campaign_id, batch_id) DO NOTHING
            """, r, tx) > 0;
    });

    public async Task<IReadOnlyList<string>> CompletedBatchIdsAsync(string campaignId, int round, CancellationToken ct)
    {
        await using var conn = await _dialect.OpenAsync(ct);
        return (await conn.QueryAsync<string>("SELECT batch_id FROM batch_results WHERE campaign_id = @campaignId AND round = @round", new { campaignId, round })).AsList();
    }

    public async Task<IReadOnlyList<BatchResultRow>> BatchResultsAsync(string campaignId, int round, CancellationToken ct)
    {
        await using var conn = await _dialect.OpenAsync(ct);
        return (await conn.QueryAsync<BatchResultRow>("SELECT * FROM batch_results WHERE campaign_id = @campaignId AND round = @round ORDER BY batch_id", new { campaignId, round })).AsList();
    }

    // ---- score cache ----

    public async Task<IReadOnlyList<(string Key, double? Value, string? Error)>> GetCachedAsync(string component, string version, IReadOnlyCollection<string> keys, CancellationToken ct)
    {
        if (keys.Count == 0) return [];
        await using var conn = await _dialect.OpenAsync(ct);
        var found = new List<(string, double?, string?)>();
        foreach (var chunk in keys.Chunk(_dialect.InListMax))
        {
            var rows = await conn.QueryAsync<(string MoleculeKey, double? Value, string? Error)>(
                $"SELECT molecule_key, value, error FROM score_cache WHERE component = @component AND version = @version AND {_dialect.InList("molecule_key", "chunk")}",
                new { component, version, chunk });
            found.AddRange(rows.Select(r => (r.MoleculeKey, r.Value, r.Error)));
        }
        return found;
    }

    public async Task PutCachedAsync(string component, string version, IReadOnlyList<(string Key, double? Value, string? Error)> values, CancellationToken ct)
    {
        if (values.Count == 0) return;
        await WriteAsync(ct, (conn, tx) => InsertCacheAsync(conn, tx, component, version, values));
    }

    // ---- generator checkpoints ----

    public async Task SaveCheckpointAsync(string id, int round, byte[] data, CancellationToken ct) => await WriteAsync(ct, async (conn, tx) =>
    {
        await conn.ExecuteAsync("DELETE FROM campaign_checkpoints WHERE campaign_id = @id AND round = @round", new { id, round }, tx);
        await conn.ExecuteAsync("INSERT INTO campaign_checkpoints (campaign_id, round, data) VALUES (@id, @round, @data)", new { id, round, data }, tx);
    });

    public async Task<byte[]?> GetCheckpointAsync(string id, int round, CancellationToken ct)
    {
        await using var conn = await _dialect.OpenAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<byte[]>("SELECT data FROM campaign_checkpoints WHERE campaign_id = @id AND round = @round", new { id, round });
    }

    /// <summary>Drops the checkpoints of rounds before <paramref name="round"/> (recorded, superseded).</summary>
    public async Task PruneCheckpointsAsync(string id, int round, CancellationToken ct) => await WriteAsync(ct, (conn, tx) =>
        conn.ExecuteAsync("DELETE FROM campaign_checkpoints WHERE campaign_id = @id AND round < @round", new { id, round }, tx));

    // ---- plumbing ----

    private async Task<T> WriteAsync<T>(CancellationToken ct, Func<DbConnection, DbTransaction, Task<T>> work)
    {
        var gate = _dialect.WriteGate;
        if (gate is not null) await gate.WaitAsync(ct);
        try
        {
            await using var conn = await _dialect.OpenAsync(ct);
            await using var tx = await conn.BeginTransactionAsync(ct);
            var result = await work(conn, tx);
            await tx.CommitAsync(ct);
            return result;
        }
        finally
        {
            gate?.Release();
        }
    }

    private async Task WriteAsync(CancellationToken ct, Func<DbConnection, DbTransaction, Task> work) =>
        await WriteAsync<int>(ct, async (c, t) => { await work(c, t); return 0; });

    private Task InsertCacheAsync(DbConnection conn, DbTransaction tx, string component, string version, IReadOnlyList<(string Key, double? Value, string? Error)> values) =>
        _dialect.InsertManyAsync(conn, tx, "score_cache",
            [("component", "text"), ("version", "text"), ("molecule_key", "text"), ("value", "float8"), ("error", "text")],
            values.Select(v => new object?[] { component, version, v.Key, v.Value, v.Error }).ToList(),
            "ON CONFLICT (component, version, molecule_key) DO NOTHING");
}
