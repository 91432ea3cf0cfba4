using Dapper;
using MolGrid.Grains.Configuration;
using Orleans;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Storage;

namespace MolGrid.Grains.Store;

/// <summary>
/// Orleans grain storage over the embedded SQLite store (see <see cref="OrleansSqliteSchema"/>). Optimistic
/// concurrency as Orleans expects: a first write inserts only if no row exists, later writes update only at the
/// version the grain read, and a lost race throws <see cref="InconsistentStateException"/>. Payloads use Orleans'
/// binary serializer, so grain state types need only their <c>[GenerateSerializer]</c> contracts (and NaN
/// survives, unlike with JSON).
/// </summary>
internal sealed class SqliteGrainStorage(StoreAddress store, string serviceId, Serializer serializer) : IGrainStorage
{
    private readonly SqlDialect _dialect = store.Kind == StoreKind.Sqlite
        ? SqlDialect.For(store)
        : throw new GridConfigException(store.Display, "SQLite grain storage needs a sqlite: store");

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await using var conn = await _dialect.OpenAsync(CancellationToken.None);
        var row = await conn.QuerySingleOrDefaultAsync<(byte[] Payload, long Version)?>(
            "SELECT payload, version FROM orleans_grain_state WHERE service_id = @serviceId AND grain_id = @grain AND state_name = @stateName",
            new { serviceId, grain = grainId.ToString(), stateName });
        if (row is { } r)
        {
            grainState.State = serializer.Deserialize<T>(r.Payload);
            grainState.ETag = r.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
            grainState.RecordExists = true;
        }
        else
        {
            grainState.State ??= Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
        }
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var payload = serializer.SerializeToArray(grainState.State);
        var args = new { serviceId, grain = grainId.ToString(), stateName, payload, at = GridStore.Now, etag = ParseEtag(grainState.ETag) };
        await using var conn = await _dialect.OpenAsync(CancellationToken.None);
        var changed = grainState.ETag is null
            ? await conn.ExecuteAsync("""
                INSERT INTO orleans_grain_state (service_id, grain_id, state_name, payload, version, written_at)
                VALUES (@serviceId, @grain, @stateName, @payload, 1, @at) ON CONFLICT DO NOTHING
                """, args)
            : await conn.ExecuteAsync("""
                UPDATE orleans_grain_state SET payload = @payload, version = version + 1, written_at = @at
                WHERE service_id = @serviceId AND grain_id = @grain AND state_name = @stateName AND version = @etag
                """, args);
        if (changed == 0) throw await ConflictAsync(conn, args.grain, stateName, grainState.ETag);
        grainState.ETag = ((args.etag ?? 0) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (grainState.ETag is not null)
        {
            await using var conn = await _dialect.OpenAsync(CancellationToken.None);
            var gone = await conn.ExecuteAsync(
                "DELETE FROM orleans_grain_state WHERE service_id = @serviceId AND grain_id = @grain AND state_name = @stateName AND version = @etag",
                new { serviceId, grain = grainId.ToString(), stateName, etag = ParseEtag(grainState.ETag) });
            if (gone == 0) throw await ConflictAsync(conn, grainId.ToString(), stateName, grainState.ETag);
        }
        grainState.State = Activator.CreateInstance<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    private static long? ParseEtag(string? etag) =>
        etag is null ? null : long.TryParse(etag, out var v) ? v : throw new InconsistentStateException($"ETag '{etag}' was not written by this storage");

    private async Task<InconsistentStateException> ConflictAsync(System.Data.Common.DbConnection conn, string grain, string stateName, string? etag)
    {
        var stored = await conn.ExecuteScalarAsync<long?>(
            "SELECT version FROM orleans_grain_state WHERE service_id = @serviceId AND grain_id = @grain AND state_name = @stateName",
            new { serviceId, grain, stateName });
        return new InconsistentStateException($"state {stateName} of {grain} was written by someone else (version {stored?.ToString() ?? "none"}, expected {etag ?? "none"})",
            stored?.ToString() ?? "", etag ?? "");
    }
}
