using Microsoft.Extensions.DependencyInjection;
using MolGrid.Grains.Configuration;
using MolGrid.Grains.Store;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Storage;

namespace MolGrid.Grains.Tests;

/// <summary>The embedded grain storage on a real SQLite file: versions as ETags, lost races refused.</summary>
public sealed class SqliteGrainStorageTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("molgrid-grainstate-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, true);
    }

    [Fact]
    public async Task Writes_are_versioned_and_a_stale_or_second_first_write_is_an_inconsistent_state()
    {
        var store = StoreAddress.Sqlite(Path.Combine(_dir, "grid.db"));
        Migrations.Apply(SqlDialect.For(store));
        var serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();
        var storage = new SqliteGrainStorage(store, "svc", serializer);
        var grain = GrainId.Create("counter", "k1");

        var a = new GrainState<CounterState> { State = new CounterState() };
        await storage.ReadStateAsync("counter", grain, a);
        Assert.False(a.RecordExists);
        a.State.Count = 3;
        await storage.WriteStateAsync("counter", grain, a);
        Assert.Equal("1", a.ETag);

        var b = new GrainState<CounterState> { State = new CounterState() };
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("counter", grain, b)); // a second first write
        await storage.ReadStateAsync("counter", grain, b);
        Assert.Equal(3, b.State.Count);
        Assert.Equal("1", b.ETag);

        b.State.Count = 4;
        await storage.WriteStateAsync("counter", grain, b);
        a.State.Count = 99;
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("counter", grain, a)); // stale ETag 1
        await storage.ReadStateAsync("counter", grain, a);
        Assert.Equal(4, a.State.Count);

        await storage.ClearStateAsync("counter", grain, a);
        var c = new GrainState<CounterState> { State = new CounterState() };
        await storage.ReadStateAsync("counter", grain, c);
        Assert.False(c.RecordExists);
        Assert.Throws<GridConfigException>(() => new SqliteGrainStorage(StoreAddress.Parse("postgres://u:p@127.0.0.1/db"), "svc", serializer));
    }
}
