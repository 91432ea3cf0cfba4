using Dapper;
using MolGrid.Grains.Configuration;
using MolGrid.Grains.Store;
using MolGrid.Silo.Scratch;
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
        var steps = await conn.QueryAsync<int>("SELECT version FROM molgrid_migrations WHERE version >= 100 ORDER BY version");
        Assert.Equal([100, 101, 102, 103], steps);
    }

    [Fact]
    public async Task Sqlite_store_gets_no_orleans_tables()
    {
        var dir = Directory.CreateTempSubdirectory("molgrid-orleans-sqlite-");
        try
        {
            var store = StoreAddress.Parse("sqlite:" + Path.Combine(dir.FullName, "grid.db"));
            Migrations.Apply(SqlDialect.For(store));
            await using var conn = new Microsoft.Data.Sqlite.SqliteConnection(store.ConnectionString);
            await conn.OpenAsync();
            Assert.Equal(0, await conn.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM sqlite_master WHERE name LIKE 'orleans%'"));
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
}
