using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MolGrid.Grains.Campaigns;
using MolGrid.Grains.Configuration;
using MolGrid.Harness.Synthetic;
using MolGrid.Grains.Store;
using MolGrid.Harness.Scratch;

namespace MolGrid.Grains.Tests;

/// <summary>
/// The grid's determinism promise across cluster sizes: one seed gives the same ranking, score for score, on 1, 4
/// and 8 Orleans silos, however the work grains are spread and whichever batches finish first.
/// </summary>
[Collection("cluster")]
public sealed class SiloCountDeterminismTests
{
    private static async Task<List<(string Smiles, double Score)>> RunAsync(int silos, SyntheticSpec spec)
    {
        await using var db = await PostgresScratch.CreateAsync("molgrid_silo_count");
        var store = StoreAddress.Parse(db.Url);
        var hosts = new List<IHost>();
        try
        {
            for (var i = 0; i < silos; i++) hosts.Add(await OrleansSilos.StartAsync(store, "count", ["cpu", "gpu"], slots: 2));
            var info = await hosts[0].Services.GetRequiredService<OrleansCampaigns>().SubmitAsync(new CampaignSubmission(spec.Render(), "test"), CancellationToken.None);
            var grid = new GridStore(store);
            var row = await CampaignWaits.RowAsync(grid, info.Id, TimeSpan.FromMinutes(2));
            Assert.Equal("Completed", row.Status);
            Assert.Equal(spec.Budget, row.OracleCalls);
            return (await grid.GetCandidatesAsync(info.Id, CancellationToken.None)).OrderByDescending(c => c.Score).ThenBy(c => c.Smiles, StringComparer.Ordinal).Select(c => (c.Smiles, c.Score)).ToList();
        }
        finally
        {
            foreach (var h in Enumerable.Reverse(hosts)) await h.StopQuietlyAsync();
        }
    }

    [Fact]
    public async Task Same_seed_gives_the_same_ranking_on_one_four_and_eight_silos()
    {
        var spec = new SyntheticSpec { Name = "count", Seed = 11, Budget = 192, RoundSize = 64, BatchSize = 4, Components = ["cpu", "gpu"] };
        var one = await RunAsync(1, spec);
        Assert.Equal(spec.Budget, one.Count);
        Assert.Equal(MolGrid.Harness.SyntheticReference.Ranking(spec), one.Select(c => c.Smiles).ToList());
        Assert.Equal(one, await RunAsync(4, spec));
        Assert.Equal(one, await RunAsync(8, spec));
    }
}
