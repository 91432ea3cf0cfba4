using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using MolGrid.Grains.Configuration;
using MolGrid.Grains.Contracts;
using MolGrid.Harness.Synthetic;
using MolGrid.Grains.Store;
using MolGrid.Harness.Scratch;

namespace MolGrid.Grains.Tests;

/// <summary>Work grains on a real silo: the slot gate bounds how many batches compute at once, a receipt carries
/// what was stored, and a resent batch neither counts twice nor recomputes.</summary>
public sealed class WorkGrainTests
{
    [Fact]
    public async Task A_silo_computes_no_more_batches_at_once_than_its_slots_and_a_resend_counts_once()
    {
        // 6 batches of 4 molecules at 200 ms each: 0.8 s if all ran at once, at least 2.4 s on 2 slots.
        var spec = new SyntheticSpec { Name = "slots", Seed = 1, Budget = 24, RoundSize = 24, BatchSize = 4, LatencyMs = 200 }.Render();
        await using var db = await PostgresScratch.CreateAsync("molgrid_orleans_slots");
        var store = StoreAddress.Parse(db.Url);
        var silo = await OrleansSilos.StartAsync(store, "slots", ["cpu"], slots: 2);
        try
        {
            WorkRequest Batch(int i) => new("c-slots", 1, $"r00001-cpu-{i:D5}", "cpu", spec,
                Enumerable.Range(0, 4).Select(j => new WorkMolecule($"k{i}-{j}", new string('C', 1 + i * 4 + j))).ToList());
            IWorkGrain Grain(int i) => silo.Grains().GetGrain<IWorkGrain>(WorkKey.For("cpu", $"c-slots/r00001-cpu-{i:D5}"));

            var clock = Stopwatch.StartNew();
            var receipts = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Grain(i).ScoreAsync(Batch(i))));
            var elapsed = clock.Elapsed;
            Assert.True(elapsed >= TimeSpan.FromSeconds(2.35), $"6 batches finished in {elapsed}: more than 2 computed at once");
            Assert.All(receipts, r => Assert.True(r.Stored));
            var rows = await new GridStore(store).BatchResultsAsync("c-slots", 1, CancellationToken.None);
            Assert.Equal(6, rows.Count);
            // The receipt carries the results it stored, so the campaign grain need not read them back.
            for (var i = 0; i < 6; i++)
                Assert.Equal(rows.Single(r => r.BatchId == $"r00001-cpu-{i:D5}").ResultsJson, receipts[i].ResultsJson);

            // The same batch again (a retry after an unknown outcome): served from the score cache, not stored twice.
            clock.Restart();
            var again = await Grain(0).ScoreAsync(Batch(0));
            Assert.False(again.Stored);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(0.8), $"the resend took {clock.Elapsed}: recomputed instead of read from the cache");
            Assert.Equal(6, (await new GridStore(store).BatchResultsAsync("c-slots", 1, CancellationToken.None)).Count);

            // Hits read by the caller for its round travel with the batch and are used as they are: values the synthetic
            // scorer would never give, at once, for molecules the store's cache does not hold.
            var withHits = Batch(6) with { Cached = [.. Batch(6).Molecules.Select(m => new WorkCachedValue("synthetic_cpu", m.Key, -1.5, null))] };
            clock.Restart();
            var served = await Grain(6).ScoreAsync(withHits);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(0.8), $"a batch whose values all came with it took {clock.Elapsed}");
            Assert.All(MolGrid.Grains.Orchestration.RoundAssembly.ParseResults(served.ResultsJson!), r => Assert.Equal(-1.5, r.Values["synthetic_cpu"]));

            // A request for another capability than the grain's key is refused, not run on the wrong silo.
            var e = await Assert.ThrowsAnyAsync<ArgumentException>(() => Grain(1).ScoreAsync(Batch(1) with { Capability = "gpu" }));
            Assert.Contains("is for cpu work, not gpu", e.Message);
        }
        finally
        {
            await silo.StopQuietlyAsync();
        }
    }
}
