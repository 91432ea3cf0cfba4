using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using MolGrid.Grains.Campaigns;
using MolGrid.Grains.Configuration;
using MolGrid.Grains.Contracts;
using MolGrid.Harness.Synthetic;
using MolGrid.Grains.Store;
using MolGrid.Harness.Scratch;

namespace MolGrid.Grains.Tests;

/// <summary>
/// Cancel takes effect within seconds wherever the loop is, even in a round that would take much longer: through
/// the campaign grain (the server, the embedded CLI) and through the store alone (`molgrid campaign cancel` from
/// another process on the same data directory). The abandoned round is not recorded.
/// </summary>
[Collection("cluster")]
public sealed class CancelMidRoundTests
{
    // One round of 64 molecules at 250 ms each in batches of 8 on 2 slots: 8 s of scoring.
    private static readonly string Spec = new SyntheticSpec { Name = "long-round", Seed = 5, Budget = 128, RoundSize = 64, BatchSize = 8, LatencyMs = 250 }.Render();

    private static async Task<(CampaignRow Row, TimeSpan Took)> CancelMidRoundAsync(string database, Func<IServiceProvider, StoreAddress, string, Task> cancel)
    {
        await using var db = await PostgresScratch.CreateAsync(database);
        var store = StoreAddress.Parse(db.Url);
        var silo = await OrleansSilos.StartAsync(store, database, slots: 2);
        try
        {
            var grid = new GridStore(store);
            var info = await silo.Services.GetRequiredService<OrleansCampaigns>().SubmitAsync(new CampaignSubmission(Spec, "dora"), CancellationToken.None);
            await CampaignWaits.RowAsync(grid, info.Id, TimeSpan.FromSeconds(30), r => r.Status == "Running", pollMs: 50);
            await Task.Delay(1500); // well inside the first round's 8 s
            var clock = Stopwatch.StartNew();
            await cancel(silo.Services, store, info.Id);
            CampaignRow row;
            while ((row = (await grid.GetCampaignAsync(info.Id, CancellationToken.None))!).Status == "Running" && clock.Elapsed < TimeSpan.FromSeconds(30))
                await Task.Delay(50);
            var took = clock.Elapsed;
            Assert.Empty(await grid.GetRoundsAsync(info.Id, CancellationToken.None));
            Assert.Empty(await grid.GetCandidatesAsync(info.Id, CancellationToken.None));
            return (row, took);
        }
        finally
        {
            await silo.StopQuietlyAsync();
        }
    }

    [Fact]
    public async Task Cancel_through_the_grain_stops_a_long_round_within_seconds()
    {
        var (row, took) = await CancelMidRoundAsync("molgrid_cancel_grain",
            (services, _, id) => services.GetRequiredService<IGrainFactory>().GetGrain<ICampaignGrain>(id).CancelAsync());
        Assert.Equal("Cancelled", row.Status);
        Assert.True(took < TimeSpan.FromSeconds(3), $"cancel took {took} (the round has about 6 s left)");
    }

    [Fact]
    public async Task Cancel_recorded_only_in_the_store_stops_a_long_round_within_seconds()
    {
        var (row, took) = await CancelMidRoundAsync("molgrid_cancel_store",
            (_, store, id) => new GridStore(store).RequestCancelAsync(id, CancellationToken.None));
        Assert.Equal("Cancelled", row.Status);
        Assert.True(took < TimeSpan.FromSeconds(4), $"cancel took {took} (the round has about 6 s left)");
    }
}
