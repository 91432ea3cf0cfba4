using Dapper;
using MolGrid.Grains.Configuration;
using MolGrid.Grains.Store;
using MolGrid.Harness.Scratch;
using Npgsql;

namespace MolGrid.Grains.Tests;

/// <summary>The store's migrations create Orleans' tables and query catalogue on real PostgreSQL, idempotently.</summary>
public sealed class OrleansSchemaTests
{
    [Fact]
    public async Task Migrations_create_every_orleans_query_once_and_rerun_without_error()
    {
        await using var db = await PostgresScratch.CreateAsync("molgrid_orleans_schema");
        var store = StoreAddress.Parse(db.Url);
        Migrations.Apply(SqlDialect.For(store));
        Migrations.Apply(SqlDialect.For(store)); // second start: every step already recorded

        await using var conn = new NpgsqlConnection(store.ConnectionString);
        await conn.OpenAsync();
        // The scripts themselves must also be re-runnable, for a database where someone applied them by hand.
        foreach (var (_, sql) in OrleansSchema.Steps) await conn.ExecuteAsync(sql);

        var keys = (await conn.QueryAsync<string>("SELECT querykey FROM orleansquery ORDER BY querykey")).ToList();
        Assert.Equal(OrleansSchema.QueryKeys.Order(StringComparer.Ordinal), keys.Order(StringComparer.Ordinal));
        var tables = (await conn.QueryAsync<string>(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name LIKE 'orleans%' ORDER BY 1")).ToList();
        Assert.Equal(["orleansmembershiptable", "orleansmembershipversiontable", "orleansquery", "orleansreminderstable", "orleansstorage"], tables);
        // 100-119 are Orleans' steps; the grid's own later steps are numbered from 120.
        var steps = await conn.QueryAsync<int>("SELECT version FROM molgrid_migrations WHERE version BETWEEN 100 AND 119 ORDER BY version");
        Assert.Equal([100, 101, 102, 103], steps);
    }

    [Fact]
    public async Task Silos_migrating_a_fresh_database_at_once_create_one_catalogue()
    {
        await using var db = await PostgresScratch.CreateAsync("molgrid_orleans_race");
        var store = StoreAddress.Parse(db.Url);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Migrations.Apply(SqlDialect.For(store)))));
        await using var conn = new NpgsqlConnection(store.ConnectionString);
        Assert.Equal(OrleansSchema.QueryKeys.Count, await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM orleansquery"));
        Assert.Equal(4, await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM molgrid_migrations WHERE version BETWEEN 100 AND 119"));
    }

    [Fact]
    public async Task Sqlite_store_gets_only_the_grain_state_table_and_reruns_cleanly()
    {
        var dir = Directory.CreateTempSubdirectory("molgrid-orleans-sqlite-");
        try
        {
            var store = StoreAddress.Parse("sqlite:" + Path.Combine(dir.FullName, "grid.db"));
            Migrations.Apply(SqlDialect.For(store));
            Migrations.Apply(SqlDialect.For(store));
            await using var conn = new Microsoft.Data.Sqlite.SqliteConnection(store.ConnectionString);
            await conn.OpenAsync();
            await conn.ExecuteAsync(OrleansSqliteSchema.GrainState); // the script itself is re-runnable
            Assert.Equal(["orleans_grain_state"],
                await conn.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'orleans%' ORDER BY name"));
            Assert.Equal([110], await conn.QueryAsync<int>("SELECT version FROM molgrid_migrations WHERE version BETWEEN 100 AND 119"));
            Assert.True(await conn.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM sqlite_master WHERE name = 'campaigns'") == 1);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            dir.Delete(true);
        }
    }

    [Fact]
    public void Orleans_options_reject_a_sqlite_store_with_a_clear_error()
    {
        var o = new MolGridOrleansOptions { Store = StoreAddress.Parse("sqlite:/tmp/x.db") };
        var e = Assert.Throws<GridConfigException>(o.Validate);
        Assert.Contains("PostgreSQL", e.Message);
        o = new MolGridOrleansOptions { Store = StoreAddress.Parse("postgres://u:p@127.0.0.1/db"), Roles = ["tpu"] };
        Assert.Contains("unknown role", Assert.Throws<GridConfigException>(o.Validate).Message);
    }
    [Fact]
    public async Task Conditional_writes_change_nothing_when_their_version_is_stale()
    {
        await using var db = await PostgresScratch.CreateAsync("molgrid_orleans_cas");
        var store = StoreAddress.Parse(db.Url);
        Migrations.Apply(SqlDialect.For(store));
        await using var conn = new NpgsqlConnection(store.ConnectionString);
        await conn.OpenAsync();
        Task<int> Scalar(string sql, object? p = null) => conn.ExecuteScalarAsync<int>(sql, p);
        var now = DateTime.UtcNow;
        const string insert = "SELECT molgrid_orleans_insert_member('d', @a, 1, @g, 's', 'h', 3, 0, @t, @t, @v)";

        Assert.Equal(1, await Scalar("SELECT molgrid_orleans_insert_version('d')"));
        Assert.Equal(0, await Scalar("SELECT molgrid_orleans_insert_version('d')"));
        Assert.Equal(1, await Scalar(insert, new { a = "10.0.0.1", g = 1, t = now, v = 0 }));
        // The row exists: 0, and the version bump that came first is rolled back with it.
        Assert.Equal(0, await Scalar(insert, new { a = "10.0.0.1", g = 1, t = now, v = 1 }));
        Assert.Equal(1, await Scalar("SELECT version FROM orleansmembershipversiontable WHERE deploymentid = 'd'"));
        // A stale table version: 0 and no row.
        Assert.Equal(0, await Scalar(insert, new { a = "10.0.0.2", g = 1, t = now, v = 0 }));
        Assert.Equal(1, await Scalar("SELECT COUNT(*) FROM orleansmembershiptable"));
        Assert.Equal(0, await Scalar("SELECT molgrid_orleans_update_member('d', '10.0.0.9', 1, 1, 6, NULL, @t, 1)", new { t = now }));
        Assert.Equal(1, await Scalar("SELECT version FROM orleansmembershipversiontable WHERE deploymentid = 'd'"));

        const string write = "SELECT molgrid_orleans_write_state(1, 2, 3, 4, 'type', NULL, 'svc', @v, @p)";
        var payload = new byte[] { 1, 2, 3 };
        Assert.Equal(1, await conn.ExecuteScalarAsync<int?>(write, new { v = (int?)null, p = payload }));
        Assert.Null(await conn.ExecuteScalarAsync<int?>(write, new { v = (int?)null, p = payload })); // a second first write loses
        Assert.Equal(2, await conn.ExecuteScalarAsync<int?>(write, new { v = (int?)1, p = payload }));
        Assert.Equal(1, await conn.ExecuteScalarAsync<int?>(write, new { v = (int?)1, p = payload }));   // stale: version unchanged
        Assert.Equal(1, await Scalar("SELECT COUNT(*) FROM orleansstorage"));
        Assert.Equal(2, await Scalar("SELECT version FROM orleansstorage"));
    }
}
