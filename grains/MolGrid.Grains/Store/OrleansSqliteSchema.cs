namespace MolGrid.Grains.Store;

/// <summary>
/// Grain state on the embedded SQLite store, for <see cref="SqliteGrainStorage"/>. Orleans 10.4.2's ADO.NET
/// storage provider has no SQLite dialect (it fails at start with the Microsoft.Data.Sqlite invariant), so the
/// embedded silo uses MolGrid's own small provider and this table: one row per (service, grain, state name),
/// the payload in Orleans' binary serialization, and an integer version as the ETag.
/// </summary>
internal static class OrleansSqliteSchema
{
    public const string GrainState = """
        CREATE TABLE IF NOT EXISTS orleans_grain_state (
            service_id TEXT    NOT NULL,
            grain_id   TEXT    NOT NULL,
            state_name TEXT    NOT NULL,
            payload    BLOB    NOT NULL,
            version    INTEGER NOT NULL,
            written_at INTEGER NOT NULL,
            PRIMARY KEY (service_id, grain_id, state_name)
        );
        """;

    public static IReadOnlyList<(int Version, string Sql)> Steps { get; } = [(110, GrainState)];
}
