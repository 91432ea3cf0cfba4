using Dapper;

namespace MolGrid.Grains.Store;

/// <summary>The store schema, as numbered steps applied once each, in order, at start (both dialects; on
/// PostgreSQL also Orleans' provider tables, <see cref="OrleansSchema"/>).
/// Times are Unix milliseconds (BIGINT) so both databases compare them the same way.</summary>
internal static class Migrations
{
    private static IReadOnlyList<(int Version, Func<SqlDialect, string> Sql)> Steps { get; } =
    [
        (1, d => $"""
            CREATE TABLE IF NOT EXISTS campaigns (
                id TEXT PRIMARY KEY, name TEXT NOT NULL, owner TEXT NOT NULL, spec TEXT NOT NULL,
                expression_file TEXT NULL, expression_data {d.Blob} NULL,
                status TEXT NOT NULL, round INTEGER NOT NULL, oracle_calls INTEGER NOT NULL, budget INTEGER NOT NULL,
                best_score DOUBLE PRECISION NULL, created_at BIGINT NOT NULL, finished_at BIGINT NULL, error TEXT NULL,
                state_json TEXT NULL, lease_owner TEXT NULL, lease_until BIGINT NOT NULL DEFAULT 0,
                cancel_requested INTEGER NOT NULL DEFAULT 0);
            CREATE INDEX IF NOT EXISTS ix_campaigns_status ON campaigns (status, created_at);
            CREATE TABLE IF NOT EXISTS campaign_rounds (
                campaign_id TEXT NOT NULL, round INTEGER NOT NULL, oracle_calls INTEGER NOT NULL,
                best_score DOUBLE PRECISION NOT NULL, mean_score DOUBLE PRECISION NOT NULL,
                best_so_far DOUBLE PRECISION NOT NULL, at BIGINT NOT NULL, batches INTEGER NOT NULL,
                failed_batches INTEGER NOT NULL, PRIMARY KEY (campaign_id, round));
            CREATE TABLE IF NOT EXISTS candidates (
                campaign_id TEXT NOT NULL, molecule_key TEXT NOT NULL, smiles TEXT NOT NULL,
                score DOUBLE PRECISION NOT NULL, round INTEGER NOT NULL, components_json TEXT NOT NULL,
                descriptors_json TEXT NOT NULL, error TEXT NULL, PRIMARY KEY (campaign_id, molecule_key));
            CREATE TABLE IF NOT EXISTS batch_results (
                campaign_id TEXT NOT NULL, round INTEGER NOT NULL, batch_id TEXT NOT NULL, capability TEXT NOT NULL,
                silo_id TEXT NOT NULL, results_json TEXT NOT NULL, error TEXT NULL, completed_at BIGINT NOT NULL,
                PRIMARY KEY (campaign_id, batch_id));
            CREATE INDEX IF NOT EXISTS ix_batch_results_round ON batch_results (campaign_id, round);
            CREATE TABLE IF NOT EXISTS score_cache (
                component TEXT NOT NULL, version TEXT NOT NULL, molecule_key TEXT NOT NULL,
                value DOUBLE PRECISION NULL, error TEXT NULL, PRIMARY KEY (component, version, molecule_key));
            CREATE TABLE IF NOT EXISTS silos (
                id TEXT PRIMARY KEY, host TEXT NOT NULL, roles TEXT NOT NULL, slots INTEGER NOT NULL,
                busy INTEGER NOT NULL, state TEXT NOT NULL, desired_state TEXT NOT NULL,
                batches_done BIGINT NOT NULL, molecules_done BIGINT NOT NULL,
                started_at BIGINT NOT NULL, last_heartbeat BIGINT NOT NULL);
            """),
        // The MassTransit grid's silo table: silos are Orleans' membership (and the load board) now.
        (2, _ => "DROP TABLE IF EXISTS silos"),
        // Generator checkpoints too large for the design state (a reinvent agent): the last recorded round's and
        // the one before it, so a crash between writing a checkpoint and recording its round loses nothing.
        (3, d => $"""
            CREATE TABLE IF NOT EXISTS campaign_checkpoints (
                campaign_id TEXT NOT NULL, round INTEGER NOT NULL, data {d.Blob} NOT NULL, PRIMARY KEY (campaign_id, round))
            """),
    ];

    public static void Apply(SqlDialect dialect)
    {
        using var conn = dialect.Open();
        foreach (var (version, sql) in Steps)
        {
            // The lock comes first so that concurrent starters never race on CREATE TABLE.
            using var tx = conn.BeginTransaction();
            conn.Execute(dialect.MigrationLockSql, transaction: tx);
            conn.Execute("CREATE TABLE IF NOT EXISTS molgrid_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)", transaction: tx);
            var done = conn.ExecuteScalar<long>("SELECT COUNT(*) FROM molgrid_migrations WHERE version = @version", new { version }, tx);
            if (done == 0)
            {
                foreach (var statement in sql(dialect).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    conn.Execute(statement, transaction: tx);
                conn.Execute("INSERT INTO molgrid_migrations (version, applied_at) VALUES (@version, @at) ON CONFLICT (version) DO NOTHING",
                    new { version, at = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() }, tx);
            }
            tx.Commit();
        }
        // Orleans' tables: on PostgreSQL those of clustering, grain storage and reminders; on SQLite (embedded:
        // localhost clustering, in-memory reminders) grain storage only. Each script is sent whole: function
        // bodies and query texts contain semicolons.
        var orleans = dialect is PostgresDialect ? OrleansSchema.Steps : OrleansSqliteSchema.Steps;
        foreach (var (version, sql) in orleans)
            ApplyOnce(conn, dialect, version, sql);
    }

    private static void ApplyOnce(System.Data.Common.DbConnection conn, SqlDialect dialect, int version, string sql)
    {
        using var tx = conn.BeginTransaction();
        conn.Execute(dialect.MigrationLockSql, transaction: tx);
        var done = conn.ExecuteScalar<long>("SELECT COUNT(*) FROM molgrid_migrations WHERE version = @version", new { version }, tx);
        if (done == 0)
        {
            conn.Execute(sql, transaction: tx);
            conn.Execute("INSERT INTO molgrid_migrations (version, applied_at) VALUES (@version, @at) ON CONFLICT (version) DO NOTHING",
                new { version, at = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() }, tx);
        }
        tx.Commit();
    }
}
