using System.Data.Common;
using Microsoft.Data.Sqlite;
using MolGrid.Grains.Configuration;
using Npgsql;

namespace MolGrid.Grains.Store;

/// <summary>The few places where SQLite and PostgreSQL differ; every query above this seam is shared SQL
/// (ON CONFLICT, multi-row VALUES and LIMIT are common to both).</summary>
internal abstract class SqlDialect
{
    public abstract DbConnection Open();

    public abstract Task<DbConnection> OpenAsync(CancellationToken ct);

    /// <summary>Column type for binary data.</summary>
    public abstract string Blob { get; }

    /// <summary>Serialises concurrent migrators inside the migration transaction.</summary>
    public abstract string MigrationLockSql { get; }

    /// <summary>SQLite allows one writer; callers take this around write transactions to queue in-process
    /// writers instead of spinning on SQLITE_BUSY.</summary>
    public virtual SemaphoreSlim? WriteGate => null;

    /// <summary>"column is one of the values in list parameter @name": Dapper expands lists for SQLite, while
    /// Npgsql takes a real array.</summary>
    public abstract string InList(string column, string parameter);

    /// <summary>Statement that lets the current transaction commit without waiting for its WAL flush, if any.</summary>
    public virtual string? RelaxedCommitSql => null;

    public static SqlDialect For(StoreAddress address) => address.Kind switch
    {
        StoreKind.Sqlite => new SqliteDialect(address.ConnectionString),
        _ => new PostgresDialect(address.ConnectionString),
    };
}

internal sealed class SqliteDialect(string connectionString) : SqlDialect
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public override SemaphoreSlim? WriteGate => _gate;

    public override string Blob => "BLOB";

    public override string InList(string column, string parameter) => $"{column} IN @{parameter}";

    public override string MigrationLockSql => "SELECT 1";

    public override DbConnection Open()
    {
        var c = new SqliteConnection(connectionString);
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;";
        cmd.ExecuteNonQuery();
        return c;
    }

    public override Task<DbConnection> OpenAsync(CancellationToken ct) => Task.FromResult(Open());
}

internal sealed class PostgresDialect(string connectionString) : SqlDialect
{
    private readonly NpgsqlDataSource _source = NpgsqlDataSource.Create(connectionString);

    public override string Blob => "BYTEA";

    public override string InList(string column, string parameter) => $"{column} = ANY(@{parameter})";

    public override string? RelaxedCommitSql => "SET LOCAL synchronous_commit = off";

    // Several silos may start at once against a fresh database.
    public override string MigrationLockSql => "SELECT pg_advisory_xact_lock(727274)";

    public override DbConnection Open() => _source.OpenConnection();

    public override async Task<DbConnection> OpenAsync(CancellationToken ct) => await _source.OpenConnectionAsync(ct);
}
