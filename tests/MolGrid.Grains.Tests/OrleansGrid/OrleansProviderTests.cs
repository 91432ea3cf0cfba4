using Dapper;
using Microsoft.Extensions.Hosting;
using MolGrid.Grains.Configuration;
using MolGrid.Harness.Scratch;
using Npgsql;
using Orleans.Configuration;
using Orleans.Hosting;

namespace MolGrid.Grains.Tests;

/// <summary>Orleans' own ADO.NET providers (clustering, grain storage, reminders) running on the schema MolGrid's
/// migrations create, in a real silo against real PostgreSQL.</summary>
public sealed class OrleansProviderTests
{
    [Fact]
    public async Task Silo_joins_through_the_membership_table_and_grain_state_survives_a_restart()
    {
        await using var db = await PostgresScratch.CreateAsync("molgrid_orleans_state");
        var store = StoreAddress.Parse(db.Url);
        var silo = await OrleansSilos.StartAsync(store, "state-test");
        try
        {
            var counter = silo.Grains().GetGrain<ICounterGrain>("campaign-1");
            for (var i = 0; i < 5; i++) await counter.AddAsync(1);
            Assert.Equal(5, await counter.GetAsync());
            await using var conn = new NpgsqlConnection(store.ConnectionString);
            // Status 3 is Active in Orleans' SiloStatus.
            Assert.Equal(1, await conn.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM orleansmembershiptable WHERE deploymentid = 'state-test' AND status = 3"));
            Assert.Equal(1, await conn.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM orleansstorage WHERE serviceid = 'molgrid' AND graintypestring LIKE '%counter%'"));
        }
        finally
        {
            await silo.StopQuietlyAsync();
        }

        silo = await OrleansSilos.StartAsync(store, "state-test");
        try
        {
            var counter = silo.Grains().GetGrain<ICounterGrain>("campaign-1");
            Assert.Equal(5, await counter.GetAsync());
            Assert.Equal(15, await counter.AddAsync(10));
            await using var conn = new NpgsqlConnection(store.ConnectionString);
            // The first silo left gracefully (Dead, 6); the second is the one active row.
            Assert.Equal(1, await conn.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM orleansmembershiptable WHERE deploymentid = 'state-test' AND status = 3"));
            Assert.Equal(1, await conn.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM orleansmembershiptable WHERE deploymentid = 'state-test' AND status = 6"));
            Assert.Equal(15, await silo.Grains().GetGrain<ICounterGrain>("campaign-1").GetAsync());
        }
        finally
        {
            await silo.StopQuietlyAsync();
        }
    }

    [Fact]
    public async Task Reminder_is_stored_fires_lists_and_unregisters()
    {
        await using var db = await PostgresScratch.CreateAsync("molgrid_orleans_reminders");
        var store = StoreAddress.Parse(db.Url);
        // Orleans' minimum period is a minute; the first tick comes after the due time, so one second suffices.
        var silo = await OrleansSilos.StartAsync(store, "reminder-test");
        try
        {
            var grain = silo.Grains().GetGrain<ITickingGrain>("campaign-r");
            await grain.StartAsync(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
            Assert.Equal([TickingGrain.Reminder], await grain.ReminderNamesAsync());
            await using var conn = new NpgsqlConnection(store.ConnectionString);
            Assert.Equal(1, await conn.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM orleansreminderstable WHERE remindername = 'tick' AND period = 60000"));

            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(45);
            while (await grain.TicksAsync() == 0 && DateTime.UtcNow < deadline) await Task.Delay(250);
            Assert.True(await grain.TicksAsync() >= 1, "the reminder did not fire within 45 s");

            await grain.StopAsync();
            Assert.Empty(await grain.ReminderNamesAsync());
            Assert.Equal(0, await conn.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM orleansreminderstable"));
        }
        finally
        {
            await silo.StopQuietlyAsync();
        }
    }
}
