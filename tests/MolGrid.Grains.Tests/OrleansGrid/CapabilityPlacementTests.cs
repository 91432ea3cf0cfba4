using System.Diagnostics;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MolGrid.Grains.Configuration;
using MolGrid.Grains.Contracts;
using MolGrid.Grains.Placement;
using MolGrid.Harness.Scratch;
using Npgsql;
using Orleans.Runtime;

namespace MolGrid.Grains.Tests;

/// <summary>
/// Work placement by capability on three real silos (in-process, loopback, PostgreSQL membership):
/// cpu-only, gpu-only, and gpu+docking. Work must land only where its role is, on the least-loaded silo,
/// never on a draining one, and with no capable silo the caller gets a typed error at once.
/// </summary>
public sealed class CapabilityPlacementTests : IAsyncLifetime
{
    private PostgresScratch _db = null!;
    private IHost _cpu = null!, _gpu = null!, _gpuDocking = null!;

    public async Task InitializeAsync()
    {
        _db = await PostgresScratch.CreateAsync("molgrid_orleans_placement");
        var store = StoreAddress.Parse(_db.Url);
        _cpu = await OrleansSilos.StartAsync(store, "placement", ["cpu"], slots: 2);
        _gpu = await OrleansSilos.StartAsync(store, "placement", ["gpu"], slots: 2);
        _gpuDocking = await OrleansSilos.StartAsync(store, "placement", ["gpu", "docking"], slots: 2);
        await RefreshAllAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var h in new[] { _gpuDocking, _gpu, _cpu }) if (h is not null) await h.StopQuietlyAsync();
        await _db.DisposeAsync();
    }

    private static string Address(IHost h) => h.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToParsableString();

    // Report and refresh on every silo now, instead of waiting for the next interval, so views are current.
    private async Task RefreshAllAsync()
    {
        foreach (var h in new[] { _cpu, _gpu, _gpuDocking }) await h.Services.GetRequiredService<SiloLoadReporter>().ReportOnceAsync();
        foreach (var h in new[] { _cpu, _gpu, _gpuDocking }) await h.Services.GetRequiredService<SiloLoadReporter>().ReportOnceAsync();
    }

    private Task<string> PlaceAsync(string capability, string batch) =>
        _cpu.Grains().GetGrain<IProbeWorkGrain>(WorkKey.For(capability, $"c1/{batch}")).WhereAsync();

    [Fact]
    public async Task Membership_table_lists_all_three_silos_active()
    {
        await using var conn = new NpgsqlConnection(StoreAddress.Parse(_db.Url).ConnectionString);
        Assert.Equal(3, await conn.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM orleansmembershiptable WHERE deploymentid = 'placement' AND status = 3"));
    }

    [Fact]
    public async Task Work_lands_only_on_silos_with_its_role_and_spreads_over_them()
    {
        var gpuPlaces = new List<string>();
        for (var i = 0; i < 24; i++) gpuPlaces.Add(await PlaceAsync("gpu", $"g{i}"));
        Assert.DoesNotContain(Address(_cpu), gpuPlaces);
        Assert.Contains(Address(_gpu), gpuPlaces);        // both gpu silos share the work
        Assert.Contains(Address(_gpuDocking), gpuPlaces);

        for (var i = 0; i < 6; i++) Assert.Equal(Address(_gpuDocking), await PlaceAsync("docking", $"d{i}"));
        for (var i = 0; i < 6; i++) Assert.Equal(Address(_cpu), await PlaceAsync("cpu", $"p{i}"));

        // The same key is the same activation: a resend of a batch does not place a second copy.
        Assert.Equal(gpuPlaces[0], await PlaceAsync("gpu", "g0"));
    }

    [Fact]
    public async Task Least_loaded_silo_is_chosen_first()
    {
        // Fill both slots of the gpu-only silo, and let every silo see that load.
        var slots = _gpu.Services.GetRequiredService<WorkSlots>();
        using var a = await slots.AcquireAsync();
        using var b = await slots.AcquireAsync();
        await RefreshAllAsync();
        // gpu+docking is idle (0/2 and, after one placement, 1/2), so it takes the next two gpu batches.
        Assert.Equal(Address(_gpuDocking), await PlaceAsync("gpu", "busy-1"));
        Assert.Equal(Address(_gpuDocking), await PlaceAsync("gpu", "busy-2"));
    }

    [Fact]
    public async Task Draining_silo_takes_no_new_work_and_no_capable_silo_is_a_typed_error_not_a_hang()
    {
        var board = _cpu.Grains().GetGrain<ISiloBoardGrain>(0);
        await board.SetDrainingAsync(Address(_gpuDocking), true);
        await RefreshAllAsync();
        for (var i = 0; i < 8; i++) Assert.Equal(Address(_gpu), await PlaceAsync("gpu", $"drain-{i}"));

        var clock = Stopwatch.StartNew();
        var e = await Assert.ThrowsAsync<NoCapableSiloException>(() => PlaceAsync("docking", "nowhere"));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"the error took {clock.Elapsed}, as if it waited for a timeout");
        Assert.Equal("docking", e.Capability);
        Assert.Contains("draining", e.Silos);
        Assert.Contains("no silo can take 'docking' work", e.Message);

        // Back in service: docking work goes there again.
        await board.SetDrainingAsync(Address(_gpuDocking), false);
        await RefreshAllAsync();
        Assert.Equal(Address(_gpuDocking), await PlaceAsync("docking", "back"));
    }

    [Fact]
    public async Task A_client_outside_the_cluster_reaches_work_through_a_gateway_with_the_same_placement()
    {
        var client = await OrleansSilos.StartClientAsync(StoreAddress.Parse(_db.Url), "placement");
        try
        {
            for (var i = 0; i < 4; i++)
                Assert.Equal(Address(_gpuDocking), await client.Grains().GetGrain<IProbeWorkGrain>(WorkKey.For("docking", $"c2/b{i}")).WhereAsync());
            var e = await Assert.ThrowsAsync<NoCapableSiloException>(async () =>
            {
                await _cpu.Grains().GetGrain<ISiloBoardGrain>(0).SetDrainingAsync(Address(_gpuDocking), true);
                await RefreshAllAsync();
                await client.Grains().GetGrain<IProbeWorkGrain>(WorkKey.For("docking", "c2/after-drain")).WhereAsync();
            });
            Assert.Equal("docking", e.Capability); // the typed error crosses the gateway to the client
        }
        finally
        {
            await _cpu.Grains().GetGrain<ISiloBoardGrain>(0).SetDrainingAsync(Address(_gpuDocking), false);
            await client.StopQuietlyAsync();
        }
    }

    [Fact]
    public async Task A_key_without_a_capability_is_rejected_with_a_clear_error()
    {
        Assert.Throws<ArgumentException>(() => WorkKey.For("tpu", "c1/b1"));
        var e = await Assert.ThrowsAnyAsync<Exception>(() => _cpu.Grains().GetGrain<IProbeWorkGrain>("c1/b1").WhereAsync());
        Assert.Contains("does not start with a capability", e.Message);
    }
}
