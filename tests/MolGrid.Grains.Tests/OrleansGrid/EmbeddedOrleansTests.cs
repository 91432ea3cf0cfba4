using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MolGrid.Grains.Campaigns;
using MolGrid.Grains.Configuration;
using MolGrid.Grains.Contracts;
using MolGrid.Harness.Synthetic;
using MolGrid.Grains.Store;

namespace MolGrid.Grains.Tests;

/// <summary>Embedded mode on Orleans: one in-process silo, localhost clustering, grain state in the data
/// directory's SQLite file through Orleans' own ADO.NET storage provider, reminders in memory.</summary>
[Collection("cluster")]
public sealed class EmbeddedOrleansTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("molgrid-orleans-embedded-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, true);
    }

    private async Task<IHost> StartAsync()
    {
        var host = new HostBuilder()
            .ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning).AddConsole())
            .UseOrleans(silo => silo.AddMolGridOrleansEmbedded(_dir, slots: 2).UseMolGridSyntheticEngine())
            .Build();
        await host.StartAsync();
        return host;
    }

    [Fact]
    public async Task Grain_state_in_sqlite_survives_a_restart_and_a_campaign_resumes_after_one()
    {
        var spec = new SyntheticSpec { Name = "embedded-orleans", Seed = 4, Budget = 240, RoundSize = 40, BatchSize = 4, LatencyMs = 50 }.Render();
        var silo = await StartAsync();
        string id;
        try
        {
            var counter = silo.Grains().GetGrain<ICounterGrain>("embedded");
            for (var i = 0; i < 5; i++) await counter.AddAsync(1);
            id = (await silo.Services.GetRequiredService<OrleansCampaigns>().SubmitAsync(new CampaignSubmission(spec, "erin"), CancellationToken.None)).Id;
            await CampaignWaits.GrainAsync(silo, id, TimeSpan.FromSeconds(60), s => s.Round >= 2);
        }
        finally
        {
            await silo.StopQuietlyAsync();
        }
        var grid = new GridStore(StoreAddress.Sqlite(Path.Combine(_dir, "grid.db")));
        Assert.True((await grid.GetCampaignAsync(id, CancellationToken.None))!.Round < 6, "finished before the stop; the test proves nothing");

        silo = await StartAsync();
        try
        {
            Assert.Equal(5, await silo.Grains().GetGrain<ICounterGrain>("embedded").GetAsync());
            Assert.Equal(6, await silo.Grains().GetGrain<ICounterGrain>("embedded").AddAsync(1));
            // Reminders were in memory; the keeper finds the unfinished campaign in the store and resumes it.
            var done = await CampaignWaits.GrainAsync(silo, id, TimeSpan.FromSeconds(60), s => s.Status is not (CampaignStatus.Queued or CampaignStatus.Running));
            Assert.Equal(CampaignStatus.Completed, done.Status);
            Assert.Equal([1, 2, 3, 4, 5, 6], (await grid.GetRoundsAsync(id, CancellationToken.None)).Select(r => r.Round));
            Assert.Equal(240, (await grid.GetCandidatesAsync(id, CancellationToken.None)).Count);
        }
        finally
        {
            await silo.StopQuietlyAsync();
        }
    }
}
