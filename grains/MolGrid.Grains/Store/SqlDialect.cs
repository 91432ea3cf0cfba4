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

    /// <summary>Most values one <see cref="InList"/> parameter takes: SQLite binds each as its own parameter (at most
    /// 999 of them in older builds); an Npgsql array is one parameter, so a round's keys go in one statement.</summary>
    public virtual int InListMax => 500;

    /// <summary>Inserts many rows in few round trips. Column types: "text", "float8", "int4", "int8".</summary>
    public abstract Task InsertManyAsync(DbConnection conn, DbTransaction tx, string table, (string Name, string Type)[] columns,
        IReadOnlyList<object?[]> rows, string conflict);

    /// <summary>Statement that lets the current transaction commit without waiting for its WAL flush, if any.</summary>
    public virtual string? RelaxedCommitSql => null;

    /// <summary>Collation that orders text by code point, as <see cref="StringComparer.Ordinal"/> does for the ASCII
    /// of SMILES (PostgreSQL's database collation may be a locale's).</summary>
    public abstract string OrdinalCollation { get; }

    /// <summary>SQL for the number stored under a key of a JSON object column (NULL when absent); the key is bound
    /// as the parameter <paramref name="parameter"/>, with the value <see cref="JsonKey"/> gives.</summary>
    public abstract string JsonNumber(string column, string parameter);

    /// <summary>The parameter value that selects <paramref name="key"/> in <see cref="JsonNumber"/>; null when the key
    /// cannot be expressed (such a key is treated as absent).</summary>
    public abstract string? JsonKey(string key);

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

    // Multi-row VALUES in chunks (SQLite has no arrays).
    public override async Task InsertManyAsync(DbConnection conn, DbTransaction tx, string table, (string Name, string Type)[] columns,
        IReadOnlyList<object?[]> rows, string conflict)
    {
        const int rowsPerStatement = 100;
        for (var start = 0; start < rows.Count; start += rowsPerStatement)
        {
            var sql = new System.Text.StringBuilder($"INSERT INTO {table} ({string.Join(", ", columns.Select(c => c.Name))}) VALUES ");
            var parameters = new Dapper.DynamicParameters();
            var end = Math.Min(rows.Count, start + rowsPerStatement);
            for (var i = start; i < end; i++)
            {
                sql.Append(i == start ? "(" : ", (");
                for (var j = 0; j < columns.Length; j++)
                {
                    var name = $"p{i - start}_{j}";
                    parameters.Add(name, rows[i][j]);
                    sql.Append(j == 0 ? "@" : ", @").Append(name);
                }
                sql.Append(')');
            }
            sql.Append(' ').Append(conflict);
            await Dapper.SqlMapper.ExecuteAsync(conn, sql.ToString(), parameters, tx);
        }
    }

    public override string MigrationLockSql => "SELECT 1";

    public override string OrdinalCollation => "COLLATE BINARY";

    public override string JsonNumber(string column, string parameter) => $"json_extract({column}, @{parameter})";

    // A JSON path with the key quoted, so names with dots ("qed.raw") are one key, not a nested path.
    public override string? JsonKey(string key) => key.IndexOfAny(['"', '\\']) >= 0 ? null : $"$.\"{key}\"";

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

    public override int InListMax => 50_000;

    public override string? RelaxedCommitSql => "SET LOCAL synchronous_commit = off";

    // One statement whatever the row count: a typed array per column, unnested into rows.
    public override async Task InsertManyAsync(DbConnection conn, DbTransaction tx, string table, (string Name, string Type)[] columns,
        IReadOnlyList<object?[]> rows, string conflict)
    {
        if (rows.Count == 0) return;
        var parameters = new Dapper.DynamicParameters();
        for (var j = 0; j < columns.Length; j++)
        {
            var col = j;
            object array = columns[j].Type switch
            {
                "text" => rows.Select(r => (string?)r[col]).ToArray(),
                "float8" => rows.Select(r => r[col] is null ? (double?)null : Convert.ToDouble(r[col])).ToArray(),
                "int4" => rows.Select(r => r[col] is null ? (int?)null : Convert.ToInt32(r[col])).ToArray(),
                "int8" => rows.Select(r => r[col] is null ? (long?)null : Convert.ToInt64(r[col])).ToArray(),
                var t => throw new ArgumentException($"unsupported column type {t}"),
            };
            parameters.Add($"a{j}", array);
        }
        var sql = $"INSERT INTO {table} ({string.Join(", ", columns.Select(c => c.Name))}) SELECT * FROM unnest({string.Join(", ", columns.Select((c, j) => $"@a{j}::{c.Type}[]"))}) {conflict}";
        await Dapper.SqlMapper.ExecuteAsync(conn, sql, parameters, tx);
    }

    public override string OrdinalCollation => "COLLATE \"C\"";

    public override string JsonNumber(string column, string parameter) => $"({column}::jsonb ->> @{parameter})::float8";

    public override string? JsonKey(string key) => key;

    // Several silos may start at once against a fresh database.
    public override string MigrationLockSql => "SELECT pg_advisory_xact_lock(727274)";

    public override DbConnection Open() => _source.OpenConnection();

    public override async Task<DbConnection> OpenAsync(CancellationToken ct) => await _source.OpenConnectionAsync(ct);
}
